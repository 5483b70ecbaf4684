using System.Runtime.InteropServices;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Api.Http;
using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Storage.Schedules;

namespace Workflows.Api.Endpoints;

/// <summary>
/// <c>/api/schedules</c>: schedules as a resource (put, list, read, pause, resume, trigger, delete). The Api writes the
/// schedules table and tells the Scheduler (<see cref="ScheduleChanged"/>), which sets the timer from the row.
/// </summary>
internal static class ScheduleEndpoints
{
    private const string PutShape = "a JSON object such as {\"workflow\": \"sync\", \"every\": \"5 minutes\"}";
    private const int NextFireTimes = 5;

    /// <summary>Room for the JSON around params when capping a PUT's body.</summary>
    private const int EnvelopeBytes = 4 * 1024;

    public static RouteGroupBuilder MapSchedules(this RouteGroupBuilder api)
    {
        var schedules = api.MapGroup("/schedules").WithTags("Schedules");

        schedules.MapPut("/{scheduleId}", PutAsync)
            .WithName("PutSchedule")
            .WithSummary("Creates the schedule (201), or updates it when the definition differs (200), or leaves it as it is when it is the same (200).")
            .Accepts<ScheduleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        schedules.MapGet("/", ListAsync)
            .WithName("ListSchedules")
            .WithSummary($"Lists schedules newest first, {PageLimit.Default} per page by default (at most {PageLimit.Max}); pass nextCursor back as cursor for the next page.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        schedules.MapGet("/{scheduleId}", GetAsync)
            .WithName("GetSchedule")
            .WithSummary("A schedule's definition, state, next five fire times, last instance and counts.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        schedules.MapPost("/{scheduleId}/pause", (string scheduleId, [AsParameters] ScheduleRoute route) => SetStateAsync(scheduleId, ScheduleStates.Paused, route))
            .WithName("PauseSchedule")
            .WithSummary("Stops the schedule's firings until it is resumed.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        schedules.MapPost("/{scheduleId}/resume", (string scheduleId, [AsParameters] ScheduleRoute route) => SetStateAsync(scheduleId, ScheduleStates.Active, route))
            .WithName("ResumeSchedule")
            .WithSummary("Fires the schedule again from its next slot; the slots that passed while it was paused do not fire.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        schedules.MapPost("/{scheduleId}/trigger", TriggerAsync)
            .WithName("TriggerSchedule")
            .WithSummary("Fires the schedule now, under its overlap policy.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        schedules.MapDelete("/{scheduleId}", DeleteAsync)
            .WithName("DeleteSchedule")
            .WithSummary("Deletes the schedule: no further firings; the instances it created are left alone.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static async Task<Results<Created<ScheduleDetails>, Ok<ScheduleDetails>>> PutAsync(
        string scheduleId, HttpRequest request, [AsParameters] ScheduleRoute route, IOptions<WorkflowRuntimeOptions> limits, IOptions<JsonOptions> json)
    {
        var maxBytes = limits.Value.MaxParamsBytes + EnvelopeBytes;
        var body = await JsonBody.ReadAsync(request, maxBytes, "body", route.Aborted);
        if (body.IsEmpty)
            throw ProblemException.BadRequest($"The body must be {PutShape}; it is empty.");
        JsonBody.Check(body, "Body", maxBytes);
        var item = JsonBody.Deserialize<ScheduleRequest>(body, json.Value.SerializerOptions, PutShape);
        if (string.IsNullOrEmpty(item.Workflow))
            throw ProblemException.BadRequest("workflow must name the workflow the schedule starts.");

        string? paramsJson = null;
        if (item.Params is { ValueKind: not JsonValueKind.Null } p)
        {
            if (InputRules.Json(JsonMarshal.GetRawUtf8Value(p), "Params", limits.Value.MaxParamsBytes) is { } problem)
                throw ProblemException.From(problem);
            paramsJson = p.GetRawText();
        }
        var definition = new ScheduleDefinition(scheduleId, item.Workflow, paramsJson, item.Every, item.Cron,
            string.IsNullOrEmpty(item.TimeZone) ? null : item.TimeZone, item.Overlap ?? ScheduleOverlaps.Skip, item.StartAt?.ToUniversalTime(), item.EndAt?.ToUniversalTime());
        if (definition.Validate(out var spec) is { } invalid)
            throw ProblemException.BadRequest(invalid);

        await using (var db = await route.Dbs.CreateDbContextAsync(route.Aborted))
            await InstanceLookup.EnsureWorkflowExistsAsync(db, definition.Workflow, route.Aborted);
        var (outcome, row) = await ScheduleStore.UpsertAsync(route.Dbs, definition, spec!, route.Time.GetUtcNow(), route.Aborted);
        if (outcome != ScheduleUpsert.Unchanged)
            await route.NotifyAsync(scheduleId);

        var details = await DetailsAsync(route, row);
        return outcome == ScheduleUpsert.Created
            ? TypedResults.Created($"/api/schedules/{scheduleId}", details)
            : TypedResults.Ok(details);
    }

    /// <summary>One page of schedules, newest first (also the dashboard's schedules page).</summary>
    internal static async Task<Ok<SchedulePage>> ListAsync(string? limit, string? cursor, [AsParameters] ScheduleRoute route)
    {
        var pageSize = PageLimit.Parse(limit);
        ListCursor? after = null;
        if (cursor is not null && (after = ListCursor.TryDecode(cursor)) is null)
            throw ProblemException.BadRequest("The cursor is malformed: pass back a nextCursor exactly as a previous page gave it.");

        await using var db = await route.Dbs.CreateDbContextAsync(route.Aborted);
        var query = db.Schedules.AsNoTracking();
        if (after is not null)
            query = query.Where(x => x.CreatedAt < after.CreatedAt || (x.CreatedAt == after.CreatedAt && string.Compare(x.Id, after.InstanceId) < 0));
        var rows = await query.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id).Take(pageSize + 1).ToListAsync(route.Aborted);

        var page = new List<ScheduleDetails>();
        foreach (var row in rows.Take(pageSize))
            page.Add(await DetailsAsync(route, row, db));
        var next = rows.Count > pageSize ? new ListCursor(page[^1].CreatedAt, page[^1].Id).Encode() : null;
        return TypedResults.Ok(new SchedulePage(page, next));
    }

    private static async Task<Ok<ScheduleDetails>> GetAsync(string scheduleId, [AsParameters] ScheduleRoute route)
    {
        await using var db = await route.Dbs.CreateDbContextAsync(route.Aborted);
        var row = await db.Schedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scheduleId, route.Aborted) ?? throw NotFound(scheduleId);
        return TypedResults.Ok(await DetailsAsync(route, row, db));
    }

    /// <summary>Pauses or resumes the schedule (also the dashboard's actions).</summary>
    internal static async Task<Ok<ScheduleDetails>> SetStateAsync(string scheduleId, string state, [AsParameters] ScheduleRoute route)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await route.Dbs.CreateDbContextAsync(route.Aborted);
            var row = await db.Schedules.SingleOrDefaultAsync(s => s.Id == scheduleId, route.Aborted) ?? throw NotFound(scheduleId);
            if (row.State == state)
                return TypedResults.Ok(await DetailsAsync(route, row, db));
            var now = ScheduleStore.Stored(route.Time.GetUtcNow());
            row.State = state;
            // Resumed: from the next slot; the ones that passed while paused are not fired.
            if (state == ScheduleStates.Active)
                row.NextFireAt = ScheduleDefinition.SpecOf(row).NextAfter(now);
            row.UpdatedAt = now;
            row.Revision++;
            try
            {
                await db.SaveChangesAsync(route.Aborted);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                continue;
            }
            await route.NotifyAsync(scheduleId);
            return TypedResults.Ok(await DetailsAsync(route, row, db));
        }
    }

    /// <summary>Asks the Scheduler to fire the schedule now (also the dashboard's action).</summary>
    internal static async Task<Accepted<ScheduleFired>> TriggerAsync(string scheduleId, [AsParameters] ScheduleRoute route, IRequestClient<TriggerSchedule> client)
    {
        var response = await client.AskAsync<TriggerSchedule, ScheduleTriggered>(
            new TriggerSchedule(scheduleId), route.Api.Value.RequestTimeout, "scheduler", route.Aborted);
        var fired = response.Message;
        if (fired.Outcome == ScheduleFiringOutcomes.NotFound)
            throw NotFound(scheduleId);
        return TypedResults.Accepted($"/api/schedules/{scheduleId}", new ScheduleFired(fired.Outcome, fired.InstanceId, fired.ScheduledTime));
    }

    /// <summary>Deletes the schedule (also the dashboard's action).</summary>
    internal static async Task<NoContent> DeleteAsync(string scheduleId, [AsParameters] ScheduleRoute route)
    {
        await using (var db = await route.Dbs.CreateDbContextAsync(route.Aborted))
            if (await db.Schedules.Where(s => s.Id == scheduleId).ExecuteDeleteAsync(route.Aborted) == 0)
                throw NotFound(scheduleId);
        await route.NotifyAsync(scheduleId);
        return TypedResults.NoContent();
    }

    private static async Task<ScheduleDetails> DetailsAsync([AsParameters] ScheduleRoute route, ScheduleRow row, WorkflowsDbContext? db = null)
    {
        string? lastState = null;
        if (row.LastInstanceId is { } last)
        {
            var owned = db is null;
            db ??= await route.Dbs.CreateDbContextAsync(route.Aborted);
            try
            {
                lastState = await db.Instances.AsNoTracking().Where(i => i.InstanceId == last).Select(i => i.CurrentState).FirstOrDefaultAsync(route.Aborted);
            }
            finally
            {
                if (owned)
                    await db.DisposeAsync();
            }
        }
        IReadOnlyList<DateTimeOffset> next = row.State == ScheduleStates.Active && row.NextFireAt is { } first
            ? [first, .. ScheduleDefinition.SpecOf(row).Next(first, NextFireTimes - 1)]
            : [];
        return new ScheduleDetails(
            row.Id, row.Workflow, Json(row.ParamsJson), row.Every, row.Cron, row.TimeZone, row.Overlap, row.StartAt, row.EndAt, row.State, next,
            row.LastInstanceId is null ? null : new ScheduleLastInstance(row.LastInstanceId, InstanceStates.StatusOf(lastState)),
            row.PendingFireAt, new ScheduleCounts(row.FiredCount, row.SkippedCount, row.MissedCount), row.CreatedAt, row.UpdatedAt);
    }

    private static JsonElement? Json(string? json)
    {
        if (json is null) return null;
        using var document = JsonDocument.Parse(json, WorkflowJson.DocumentOptions);
        return document.RootElement.Clone();
    }

    private static ProblemException NotFound(string scheduleId) => ProblemException.NotFound($"There is no schedule '{scheduleId}'.");

    /// <summary>The services every schedule route binds.</summary>
    internal sealed record ScheduleRoute(
        IDbContextFactory<WorkflowsDbContext> Dbs,
        ISendEndpointProvider Send,
        IOptions<ApiOptions> Api,
        TimeProvider Time,
        ILogger<ScheduleRoute> Logger,
        CancellationToken Aborted)
    {
        /// <summary>
        /// Tells the Scheduler to set the schedule's timer from its row. Best effort: a send that fails (the broker away)
        /// is repaired by the Scheduler's comparison of the table with its timers.
        /// </summary>
        public async Task NotifyAsync(string scheduleId)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Aborted);
            deadline.CancelAfter(Api.Value.RequestTimeout);
            try
            {
                var endpoint = await Send.GetSendEndpoint(QueueNames.Address(QueueNames.Schedules));
                await endpoint.Send(new ScheduleChanged(scheduleId), deadline.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !Aborted.IsCancellationRequested)
            {
                Logger.LogWarning(e, "Could not tell the Scheduler that schedule {Schedule} changed; its periodic comparison will pick it up", scheduleId);
            }
        }
    }
}
