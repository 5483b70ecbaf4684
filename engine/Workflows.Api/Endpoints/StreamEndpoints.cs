using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Api.Http;
using Workflows.Client.Models;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Storage.EventLog;

namespace Workflows.Api.Endpoints;

/// <summary>
/// <c>/api/workflows/{workflow}/instances/{id}/stream</c>: the instance's event log as Server-Sent Events, history first,
/// then live until the instance is final. Live means this request reads the log again every
/// <see cref="ApiOptions.StreamPollInterval"/>: one indexed query per open stream, in the Api only, the same on PostgreSQL
/// and SQLite, and the Api needs no connection held open per stream between reads.
/// </summary>
internal static class StreamEndpoints
{
    private const string LastEventIdHeader = "Last-Event-ID";

    // Proxies close idle responses: a comment line now and then keeps a quiet stream open.
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapInstanceStream(this RouteGroupBuilder api)
    {
        api.MapGet("/workflows/{workflow}/instances/{id}/stream", StreamAsync)
            .WithTags("Instances")
            .WithName("StreamInstance")
            .WithSummary("The instance's events as Server-Sent Events (id: sequence, event: type, data: the event as JSON): its history, then live events until it is final. Last-Event-ID (or ?lastEventId=) resumes after that event.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task StreamAsync(
        string workflow, string id, string? lastEventId, HttpContext http, IDbContextFactory<WorkflowsDbContext> dbs,
        IOptions<ApiOptions> options, IOptions<JsonOptions> json, TimeProvider time, CancellationToken ct)
    {
        var after = ResumeAfter(http.Request.Headers[LastEventIdHeader].ToString(), lastEventId);
        await using (var db = await dbs.CreateDbContextAsync(ct))
            await InstanceLookup.EnsureInstanceExistsAsync(db, workflow, id, ct);

        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // nginx and similar proxies buffer responses unless told not to.
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(ct);

        var quietSince = time.GetUtcNow();
        try
        {
            while (true)
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                // The state is read before the events: a final state commits with its final event, so that event is in the read that follows.
                var state = await db.Instances.AsNoTracking().Where(x => x.InstanceId == id).Select(x => x.CurrentState).SingleOrDefaultAsync(ct);
                var rows = await db.InstanceEvents.AsNoTracking()
                    .Where(e => e.InstanceId == id && e.Sequence > after && e.Type != null)
                    .OrderBy(e => e.Sequence)
                    .Take(500)
                    .ToListAsync(ct);
                if (rows.Count > 0)
                {
                    await WriteAsync(response, rows, json.Value.SerializerOptions, ct);
                    after = rows[^1].Sequence;
                    quietSince = time.GetUtcNow();
                    continue;
                }
                if (state is null || InstanceStates.HasEnded(state))
                    return;
                if (time.GetUtcNow() - quietSince > KeepAlive)
                {
                    await response.WriteAsync(": keep-alive\n\n", ct);
                    await response.Body.FlushAsync(ct);
                    quietSince = time.GetUtcNow();
                }
                await Task.Delay(options.Value.StreamPollInterval, time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away: nothing to answer.
        }
    }

    /// <summary>The sequence to resume after: the header wins over the query (the header is what a reconnecting EventSource sends).</summary>
    private static long ResumeAfter(string header, string? query)
    {
        var given = !string.IsNullOrEmpty(header) ? header : query;
        if (string.IsNullOrEmpty(given))
            return 0;
        return long.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw ProblemException.BadRequest($"{LastEventIdHeader} (or lastEventId) must be the id of an event of this stream, a whole number; got '{given}'.");
    }

    private static async Task WriteAsync(HttpResponse response, List<InstanceEventRow> rows, JsonSerializerOptions options, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var evt = new InstanceStreamEvent(row.Sequence, row.Type!, row.Timestamp, row.Step, row.Attempt, row.Status, Data(row.DataJson));
            text.Append("id: ").Append(row.Sequence.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("event: ").Append(row.Type).Append('\n')
                .Append("data: ").Append(JsonSerializer.Serialize(evt, options)).Append("\n\n");
        }
        await response.WriteAsync(text.ToString(), ct);
        await response.Body.FlushAsync(ct);
    }

    private static JsonElement? Data(string? json)
    {
        if (json is null) return null;
        using var document = JsonDocument.Parse(json, WorkflowJson.DocumentOptions);
        return document.RootElement.Clone();
    }
}
