using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Api.Http;
using Workflows.Api.RateLimits;
using Workflows.Runtime;
using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Api.Endpoints;

/// <summary><c>/api/workflows/{workflow}/instances</c>: create (one or a batch), list and read instances.</summary>
internal static class InstanceEndpoints
{
    private const string CreateShape = "a JSON object such as {\"id\": \"order-42\", \"params\": {...}}";
    private const string BatchShape = "a JSON array of objects such as {\"id\": \"order-42\", \"params\": {...}}";

    /// <summary>A batch holds at most this many instances.</summary>
    private const int MaxBatchSize = 100;

    /// <summary>Room for the JSON around params (id, property names, whitespace) when capping a single create's body.</summary>
    private const int EnvelopeBytes = 4 * 1024;

    public static RouteGroupBuilder MapInstances(this RouteGroupBuilder api)
    {
        var instances = api.MapGroup("/workflows/{workflow}/instances").WithTags("Instances");

        instances.MapPost("/", CreateAsync)
            .WithName("CreateInstance")
            .WithSummary("Creates an instance and dispatches it (status running, or queued under a concurrency limit); the id is generated when not given.")
            .Accepts<CreateInstanceRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        instances.MapPost("/batch", CreateBatchAsync)
            .WithName("CreateInstanceBatch")
            .WithSummary($"Creates 1 to {MaxBatchSize} instances, all or none.")
            .Accepts<List<CreateInstanceRequest>>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        instances.MapGet("/", ListAsync)
            .WithName("ListInstances")
            .WithSummary($"Lists instances newest first, {PageLimit.Default} per page by default (at most {PageLimit.Max}); pass nextCursor back as cursor for the next page.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        instances.MapGet("/{id}", GetAsync)
            .WithName("GetInstance")
            .WithSummary("An instance's status, params, output or error, and the steps of its current run.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        instances.MapGet("/{id}/children", ChildrenAsync)
            .WithName("ListChildInstances")
            .WithSummary("The instances this one started with step.Invoke, oldest first, with their status.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static async Task<Created<CreatedInstance>> CreateAsync(
        string workflow, HttpRequest request, IDbContextFactory<WorkflowsDbContext> dbs, SingleCreates creates,
        IOptions<WorkflowRuntimeOptions> limits, IOptions<JsonOptions> json, CreationRateLimiter rates, CancellationToken ct)
    {
        var maxBytes = limits.Value.MaxParamsBytes + EnvelopeBytes;
        var body = await JsonBody.ReadAsync(request, maxBytes, "body", ct);
        if (!body.IsEmpty)
            JsonBody.Check(body, "Body", maxBytes);
        var item = body.IsEmpty ? new CreateInstanceRequest(null, null) : JsonBody.Deserialize<CreateInstanceRequest>(body, json.Value.SerializerOptions, CreateShape);
        var created = await CreateOneAsync(workflow, item, dbs, creates, limits.Value, rates, ct);
        return TypedResults.Created($"/api/workflows/{Uri.EscapeDataString(workflow)}/instances/{created.Id}", created);
    }

    /// <summary>Creates one instance (the API's create and the dashboard's): checks the request, 404 for an unknown workflow, then asks the saga.</summary>
    internal static async Task<CreatedInstance> CreateOneAsync(
        string workflow, CreateInstanceRequest item, IDbContextFactory<WorkflowsDbContext> dbs, SingleCreates creates,
        WorkflowRuntimeOptions limits, CreationRateLimiter rates, CancellationToken ct)
    {
        var instance = ToNewInstance(workflow, item, limits, itemIndex: null);

        await using (var db = await dbs.CreateDbContextAsync(ct))
            await InstanceLookup.EnsureWorkflowExistsAsync(db, workflow, ct);
        rates.Take(workflow, 1);

        // Single creates that arrive together share one request to the Orchestrator (SingleCreates).
        return await creates.CreateAsync(instance, ct);
    }

    private static async Task<Created<List<CreatedInstance>>> CreateBatchAsync(
        string workflow, HttpRequest request, IDbContextFactory<WorkflowsDbContext> dbs, SingleCreates creates,
        IOptions<WorkflowRuntimeOptions> limits, IOptions<JsonOptions> json, CreationRateLimiter rates, CancellationToken ct)
    {
        var maxBytes = limits.Value.MaxBatchBytes;
        var body = await JsonBody.ReadAsync(request, maxBytes, "batch", ct);
        if (body.IsEmpty)
            throw ProblemException.BadRequest($"The body must be {BatchShape}; it is empty.");
        JsonBody.Check(body, "Body", maxBytes);
        var items = JsonBody.Deserialize<List<CreateInstanceRequest?>>(body, json.Value.SerializerOptions, BatchShape);
        if (items.Count is 0 or > MaxBatchSize)
            throw ProblemException.BadRequest($"A batch holds 1 to {MaxBatchSize} instances; this one has {items.Count}.");

        var instances = items
            .Select((item, i) => ToNewInstance(workflow, item ?? throw ProblemException.BadRequest($"Item {i} of the batch is null, not an object."), limits.Value, i))
            .ToList();
        var duplicate = instances.GroupBy(x => x.InstanceId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw ProblemException.BadRequest($"The instance id '{duplicate.Key}' appears {duplicate.Count()} times in the batch.");
        // Params travel as JSON strings, where every quote and backslash is escaped: the message can be twice the body.
        var sent = BusMessageSize.Of(new CreateInstances(instances));
        if (sent > maxBytes)
            throw ProblemException.TooLarge(
                $"The batch is {sent:N0} bytes as sent to the Orchestrator (params are sent as JSON strings, so quotes and backslashes count twice); the limit (Workflows:MaxBatchBytes) is {maxBytes:N0}. Send fewer instances per batch.");

        await using (var db = await dbs.CreateDbContextAsync(ct))
            await InstanceLookup.EnsureWorkflowExistsAsync(db, workflow, ct);
        // The whole batch's tokens or none: a batch is accepted whole or refused whole.
        rates.Take(workflow, instances.Count);

        // A batch is bulk work: its runs queue behind the ones someone is waiting on (docs/architecture.md).
        var created = await creates.AskAsync(instances, bulk: true, ct);
        return TypedResults.Created((string?)null, created);
    }

    private static async Task<Ok<InstancePage>> ListAsync(
        string workflow, string? status, string? limit, string? cursor, IDbContextFactory<WorkflowsDbContext> dbs, CancellationToken ct)
    {
        var pageSize = PageLimit.Parse(limit);
        var state = InstanceSearchEndpoints.State(status);
        var after = InstanceSearchEndpoints.Cursor(cursor);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return TypedResults.Ok(await ListPageAsync(db, workflow, state, after, pageSize, createdBefore: null, ct));
    }

    /// <summary>
    /// One page of a workflow's instances, newest first, optionally in one state and created before a time: keyset on the
    /// listing index, so a page costs the same at any depth (the API's list and the dashboard's).
    /// </summary>
    internal static Task<InstancePage> ListPageAsync(
        WorkflowsDbContext db, string workflow, string? state, ListCursor? after, int pageSize, DateTimeOffset? createdBefore, CancellationToken ct) =>
        new InstanceSearch(workflow, state, CreatedBefore: createdBefore).PageAsync(db, after, pageSize, ct);

    private static async Task<Ok<InstanceDetails>> GetAsync(
        string workflow, string id, IDbContextFactory<WorkflowsDbContext> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (details, _) = await ReadAsync(db, workflow, id, ct) ?? throw InstanceLookup.InstanceNotFound(workflow, id);
        return TypedResults.Ok(details);
    }

    /// <summary>An instance as the API shows it, with the step rows of its current run (which the dashboard also needs: waits, events); null when unknown.</summary>
    internal static async Task<(InstanceDetails Details, List<StepRow> Steps)?> ReadAsync(WorkflowsDbContext db, string workflow, string id, CancellationToken ct)
    {
        var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(x => x.InstanceId == id && x.Workflow == workflow, ct);
        if (instance is null)
            return null;
        var steps = await db.Steps.AsNoTracking()
            .Where(s => s.InstanceId == id && s.Generation == instance.Generation)
            .OrderBy(s => s.Sequence)
            .ToListAsync(ct);

        var parent = instance.ParentInstanceId is null
            ? null
            : await db.Instances.AsNoTracking().Where(x => x.InstanceId == instance.ParentInstanceId)
                .Select(x => new InstanceLink(x.Workflow, x.InstanceId, x.CurrentState)).SingleOrDefaultAsync(ct);
        var children = await ChildLinksAsync(db, id, ct);
        var metadata = await db.InstanceMetadata.AsNoTracking().Where(m => m.InstanceId == id).ToDictionaryAsync(m => m.Key, m => m.Value, StringComparer.Ordinal, ct);
        // The latest step.ReportProgress of the instance: the newest progress entry of its event log.
        var progress = await db.InstanceEvents.AsNoTracking()
            .Where(e => e.InstanceId == id && e.Type == InstanceStreamEventTypes.Progress)
            .OrderByDescending(e => e.Sequence)
            .Select(e => e.DataJson)
            .FirstOrDefaultAsync(ct);

        return (new InstanceDetails(
            instance.InstanceId,
            instance.Workflow,
            InstanceStates.StatusOf(instance.CurrentState),
            Json(instance.ParamsJson),
            Json(instance.OutputJson),
            Error(instance.ErrorName, instance.ErrorMessage),
            instance.CreatedAt,
            instance.StartedAt,
            instance.EndedAt,
            [.. steps.Select(s => new StepDetails(
                s.Name,
                JsonNamingPolicy.CamelCase.ConvertName(s.Kind),
                JsonNamingPolicy.CamelCase.ConvertName(s.Status),
                s.Attempts,
                s.StartedAt,
                s.EndedAt,
                Json(s.ResultJson),
                Error(s.ErrorName, s.ErrorMessage)) { CpuTimeMs = s.CpuTimeMs })])
        {
            Metadata = metadata.Count == 0 ? null : metadata,
            CpuTimeMs = steps.Any(s => s.CpuTimeMs is not null) ? steps.Sum(s => s.CpuTimeMs ?? 0) : null,
            Parent = parent is null ? null : parent with { Status = InstanceStates.StatusOf(parent.Status) },
            Children = children.Count == 0 ? null : children,
            Rollback = instance.RollbackOutcome is null ? null : new RollbackInfo(instance.RollbackOutcome, Error(instance.RollbackErrorName, instance.RollbackErrorMessage)),
            Priority = instance.Priority,
            Progress = Json(progress),
        }, steps);
    }

    private static async Task<Ok<ChildList>> ChildrenAsync(string workflow, string id, IDbContextFactory<WorkflowsDbContext> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await InstanceLookup.EnsureInstanceExistsAsync(db, workflow, id, ct);
        return TypedResults.Ok(new ChildList(await ChildLinksAsync(db, id, ct)));
    }

    private static async Task<List<InstanceLink>> ChildLinksAsync(WorkflowsDbContext db, string parentId, CancellationToken ct)
    {
        var rows = await db.Instances.AsNoTracking()
            .Where(x => x.ParentInstanceId == parentId)
            .OrderBy(x => x.CreatedAt).ThenBy(x => x.InstanceId)
            .Select(x => new { x.Workflow, x.InstanceId, x.CurrentState })
            .ToListAsync(ct);
        return [.. rows.Select(x => new InstanceLink(x.Workflow, x.InstanceId, InstanceStates.StatusOf(x.CurrentState)))];
    }

    private static NewInstance ToNewInstance(string workflow, CreateInstanceRequest item, WorkflowRuntimeOptions limits, int? itemIndex)
    {
        var where = itemIndex is { } i ? $"Item {i} of the batch: " : "";
        var id = item.Id ?? InstanceIds.New();
        if (InputRules.InstanceId(id) is { } badId)
            throw ProblemException.BadRequest(where + badId);
        if (InstanceMetadata.Validate(item.Metadata) is { } badMetadata)
            throw ProblemException.BadRequest(where + badMetadata);
        var metadata = item.Metadata is { Count: > 0 } ? item.Metadata : null;
        if (InstancePriorities.Problem(item.Priority) is { } badPriority)
            throw ProblemException.BadRequest(where + badPriority);
        var callback = item.Callback?.Url;
        if (item.Callback is not null && InputRules.CallbackUrl(callback) is { } badCallback)
            throw ProblemException.BadRequest(where + badCallback);

        // Absent params and JSON null are the same: no params. Otherwise they are stored as the text that was sent.
        if (item.Params is not { ValueKind: not JsonValueKind.Null } p)
            return new NewInstance(workflow, id, null, Metadata: metadata, Priority: item.Priority, CallbackUrl: callback);
        if (InputRules.Json(JsonMarshal.GetRawUtf8Value(p), "Params", limits.MaxParamsBytes) is { } problem)
            throw ProblemException.From(problem with { Message = where + problem.Message });
        return new NewInstance(workflow, id, p.GetRawText(), Metadata: metadata, Priority: item.Priority, CallbackUrl: callback);
    }

    private static JsonElement? Json(string? json)
    {
        if (json is null) return null;
        using var document = JsonDocument.Parse(json, WorkflowJson.DocumentOptions);
        return document.RootElement.Clone();
    }

    private static ErrorInfo? Error(string? name, string? message) =>
        name is null && message is null ? null : new ErrorInfo(name ?? "Error", message ?? "");
}
