using Workflows.Cli.Models;
using Workflows.Cli.Rendering;
using Workflows.Contracts;

namespace Workflows.Cli.Commands;

/// <summary><c>--watch</c>: polls the instance every half second and re-renders it until it has ended.</summary>
internal static class InstanceWatcher
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// On a terminal the view is redrawn in place each poll (durations tick); into a pipe it is printed again only
    /// when the instance changed. With <c>--json</c> only the final instance is printed. The exit code tells how it ended.
    /// </summary>
    public static async Task<int> WatchAsync(CommandContext ctx, string workflow, string id, CancellationToken ct)
    {
        string? lastJson = null;
        var drawnLines = 0;
        while (true)
        {
            var response = await ctx.Client.GetInstanceAsync(workflow, id, ct);
            var instance = response.Value;
            if (ctx.Interactive)
            {
                drawnLines = Redraw(ctx.Out, instance, drawnLines);
            }
            else if (!ctx.Json && response.Json != lastJson)
            {
                if (lastJson is not null) ctx.Out.WriteLine();
                InstanceViews.Details(ctx.Out, instance, DateTimeOffset.UtcNow);
            }
            lastJson = response.Json;

            if (instance.HasEnded)
            {
                if (ctx.Json) ctx.Out.WriteLine(response.Json);
                return await EndAsync(ctx, instance);
            }
            await Task.Delay(Interval, ct);
        }
    }

    private static int Redraw(TextWriter output, InstanceDetails instance, int previousLines)
    {
        var view = new StringWriter();
        InstanceViews.Details(view, instance, DateTimeOffset.UtcNow);
        var text = view.ToString();
        // ESC[nF moves to the start of the view drawn last time, ESC[J clears from there down.
        if (previousLines > 0)
            output.Write($"\u001b[{previousLines}F\u001b[J");
        output.Write(text);
        output.Flush();
        return text.Count(c => c == '\n');
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
