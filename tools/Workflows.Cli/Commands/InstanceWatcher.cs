using System.Text.Json;
using Spectre.Console;
using Workflows.Cli.Rendering;
using Workflows.Client;
using Workflows.Client.Models;
using Workflows.Contracts;

namespace Workflows.Cli.Commands;

/// <summary>
/// <c>--watch</c>: follows the instance's event stream and re-reads the instance at each event until it has ended; when the
/// server has no stream route (404) it polls every half second instead.
/// </summary>
internal static class InstanceWatcher
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// On a terminal the view is a Spectre.Console live display, redrawn in place (durations tick); into a pipe it is printed
    /// again only when the instance changed. With <c>--json</c> only the final instance is printed. The exit code tells how it ended.
    /// </summary>
    public static async Task<int> WatchAsync(CommandContext ctx, string workflow, string id, CancellationToken ct)
    {
        var instance = await ctx.Client.GetAsync(workflow, id, ct);
        if (ctx.Interactive)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(ctx.Out) });
            await console.Live(View(instance)).StartAsync(async live =>
                instance = await FollowAsync(ctx, workflow, id, instance, current => live.UpdateTarget(View(current)), ct));
        }
        else
        {
            string? lastJson = null;
            instance = await FollowAsync(ctx, workflow, id, instance, current =>
            {
                var json = JsonSerializer.Serialize(current, Format.JsonOptions);
                if (!ctx.Json && json != lastJson)
                {
                    if (lastJson is not null) ctx.Out.WriteLine();
                    InstanceViews.Details(ctx.Out, current, DateTimeOffset.UtcNow);
                }
                lastJson = json;
            }, ct);
        }
        if (ctx.Json) ctx.Out.WriteLine(JsonSerializer.Serialize(instance, Format.JsonOptions));
        return await EndAsync(ctx, instance);
    }

    /// <summary>Shows <paramref name="instance"/>, then every change of it, until it has ended; returns it as it ended.</summary>
    private static async Task<InstanceDetails> FollowAsync(
        CommandContext ctx, string workflow, string id, InstanceDetails instance, Action<InstanceDetails> show, CancellationToken ct)
    {
        show(instance);
        if (instance.HasEnded)
            return instance;
        try
        {
            await foreach (var _ in ctx.Client.StreamAsync(workflow, id, ct: ct))
            {
                instance = await ctx.Client.GetAsync(workflow, id, ct);
                show(instance);
                if (instance.HasEnded)
                    return instance;
            }
        }
        catch (WorkflowsApiException e) when (e.Status == 404)
        {
            // A server without the stream route: poll (a missing instance answers its own 404 below).
        }
        while (!instance.HasEnded)
        {
            await Task.Delay(Interval, ct);
            instance = await ctx.Client.GetAsync(workflow, id, ct);
            show(instance);
        }
        return instance;
    }

    private static Text View(InstanceDetails instance)
    {
        using var text = new StringWriter();
        InstanceViews.Details(text, instance, DateTimeOffset.UtcNow);
        return new Text(text.ToString());
    }

    private static async Task<int> EndAsync(CommandContext ctx, InstanceDetails instance)
    {
        switch (instance.Status)
        {
            case InstanceStatuses.Complete:
                return ExitCodes.Ok;
            case InstanceStatuses.Errored:
                var error = instance.Error is { } e ? $": {e.Name}: {e.Message}" : "";
                await ctx.Error.WriteLineAsync($"error: instance {instance.Id} errored{error}");
                return ExitCodes.InstanceErrored;
            default:
                await ctx.Error.WriteLineAsync($"error: instance {instance.Id} was terminated");
                return ExitCodes.InstanceTerminated;
        }
    }
}
