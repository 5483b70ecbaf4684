using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Workflows.Webhooks.Tests;

/// <summary>
/// The outside world of the issue-triage sample on 127.0.0.1: an OpenAI-compatible chat endpoint that always gives
/// <see cref="Answer"/>, and GitHub's issue comments API holding comments in memory. A test can hold the next comment's
/// answer (after it is stored) to kill the Executor while the step is in flight.
/// </summary>
public sealed class StubServers : IAsyncDisposable
{
    public const string Answer = "1. Restart the widget.\n\n```bash\nwidget --restart\n```\n\nSources: the widget manual";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, List<JsonObject>> _comments = new();
    private long _nextId = 1000;
    private int _chatCalls;
    private volatile TaskCompletionSource? _holdNextPost;
    private readonly TaskCompletionSource _postHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StubServers(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int ChatCalls => _chatCalls;

    public static async Task<StubServers> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stubs = new StubServers(app);
        app.MapPost("/v1/chat/completions", () =>
        {
            Interlocked.Increment(ref stubs._chatCalls);
            return Results.Json(new
            {
                id = "chatcmpl-stub",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = "stub-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = Answer }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
            });
        });
        app.MapGet("/repos/{owner}/{repo}/issues/{number}/comments", (string owner, string repo, long number) =>
        {
            var list = stubs.CommentsOn(owner, repo, number);
            lock (list) return Results.Json(list.Select(c => c.DeepClone()).ToList());
        });
        app.MapPost("/repos/{owner}/{repo}/issues/{number}/comments", async (string owner, string repo, long number, HttpRequest request) =>
        {
            if (request.Headers.Authorization != "Bearer stub-token")
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            var body = (await JsonNode.ParseAsync(request.Body))!["body"]!.GetValue<string>();
            var comment = new JsonObject { ["id"] = Interlocked.Increment(ref stubs._nextId), ["body"] = body };
            var list = stubs.CommentsOn(owner, repo, number);
            lock (list) list.Add(comment);
            if (Interlocked.Exchange(ref stubs._holdNextPost, null) is { } hold)
            {
                stubs._postHeld.TrySetResult();
                await hold.Task;
            }
            return Results.Json(comment, statusCode: StatusCodes.Status201Created);
        });
        await app.StartAsync();
        stubs.BaseAddress = new Uri(app.Urls.First());
        return stubs;
    }

    /// <summary>The comments on one issue, oldest first.</summary>
    public IReadOnlyList<string> Comments(string repository, long number)
    {
        var parts = repository.Split('/');
        var list = CommentsOn(parts[0], parts[1], number);
        lock (list) return [.. list.Select(c => c["body"]!.GetValue<string>())];
    }

    /// <summary>The next comment is stored but not answered until <paramref name="release"/> completes; the task completes when it is held.</summary>
    public Task HoldNextCommentAsync(Task release)
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        release.ContinueWith(_ => hold.TrySetResult(), TaskScheduler.Default);
        _holdNextPost = hold;
        return _postHeld.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private List<JsonObject> CommentsOn(string owner, string repo, long number) => _comments.GetOrAdd($"{owner}/{repo}#{number}", _ => []);
}
