using System.Text.Json;
using Workflows.Client.Models;

namespace Workflows.Client;

/// <summary>
/// The Workflows HTTP API (docs/api.md) as methods. An error answer throws a <see cref="WorkflowsApiException"/> (404
/// <see cref="InstanceNotFoundException"/>, 409 <see cref="InstanceConflictException"/>, 400/413/422
/// <see cref="WorkflowsValidationException"/>, 429 <see cref="WorkflowsRateLimitedException"/>); no answer at all throws
/// <see cref="HttpRequestException"/>.
/// </summary>
public interface IWorkflowsClient
{
    /// <summary>The workflows that Executors have registered.</summary>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The workflows, by name.</returns>
    Task<IReadOnlyList<WorkflowSummary>> ListWorkflowsAsync(CancellationToken ct = default);

    /// <summary>Creates an instance of <paramref name="workflow"/>.</summary>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="request">The id (generated when null), params and metadata.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The created instance's id and status.</returns>
    Task<CreatedInstance> CreateAsync(string workflow, CreateInstanceRequest request, CancellationToken ct = default);

    /// <summary>Creates 1 to 100 instances of <paramref name="workflow"/>, all or none.</summary>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="requests">The instances.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The created instances, in the order given.</returns>
    Task<IReadOnlyList<CreatedInstance>> CreateBatchAsync(string workflow, IEnumerable<CreateInstanceRequest> requests, CancellationToken ct = default);

    /// <summary>An instance's status, params, outcome, metadata and steps.</summary>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="id">The instance's id.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The instance.</returns>
    Task<InstanceDetails> GetAsync(string workflow, string id, CancellationToken ct = default);

    /// <summary>One page of instances across workflows, newest first (<c>GET /api/instances</c>).</summary>
    /// <param name="query">The filters and the page size.</param>
    /// <param name="cursor">A previous page's <see cref="InstancePage.NextCursor"/>; null for the first page.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The page.</returns>
    Task<InstancePage> ListInstancesPageAsync(InstanceQuery query, string? cursor = null, CancellationToken ct = default);

    /// <summary>Every instance <paramref name="query"/> matches, newest first, fetched page by page over the cursor.</summary>
    /// <param name="query">The filters and the page size.</param>
    /// <param name="ct">Cancels the enumeration.</param>
    /// <returns>The instances.</returns>
    IAsyncEnumerable<InstanceSummary> ListInstancesAsync(InstanceQuery query, CancellationToken ct = default);

    /// <summary>Pauses the instance at its next step boundary.</summary>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="id">The instance's id.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The instance's status after the command.</returns>
    Task<CommandAccepted> PauseAsync(string workflow, string id, CancellationToken ct = default);

    /// <summary>Resumes a paused instance where it stopped.</summary>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="id">The instance's id.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The instance's status after the command.</returns>
    Task<CommandAccepted> ResumeAsync(string workflow, string id, CancellationToken ct = default);

    /// <summary>Ends the instance for good; with <paramref name="rollback"/>, the rollbacks of its completed steps run first.</summary>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="id">The instance's id.</param>
    /// <param name="rollback">Run the rollbacks first.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The instance's status after the command.</returns>
    Task<CommandAccepted> TerminateAsync(string workflow, string id, bool rollback = false, CancellationToken ct = default);

    /// <summary>Runs the instance again with the same params, from the start or from a step.</summary>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="id">The instance's id.</param>
    /// <param name="from">The step to restart from; null for the start.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The instance's status after the command.</returns>
    Task<CommandAccepted> RestartAsync(string workflow, string id, RestartFrom? from = null, CancellationToken ct = default);

    /// <summary>Sends an event to the instance; a wait for its type receives it.</summary>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="id">The instance's id.</param>
    /// <param name="type">The event's type.</param>
    /// <param name="payload">The event's payload (any JSON), or null for none.</param>
    /// <param name="idempotencyKey">Makes a repeated send a no-op; the client makes one up when null, so its own retries are safe.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The event's id.</returns>
    Task<EventSent> SendEventAsync(string workflow, string id, string type, JsonElement? payload, string? idempotencyKey = null, CancellationToken ct = default);

    /// <summary>Approves the instance: sends it the event <c>approval</c> with <c>{ approved: true, reason, metadata, by }</c>.</summary>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="id">The instance's id.</param>
    /// <param name="request">The reason and metadata, or null for none.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The event's id.</returns>
    Task<EventSent> ApproveAsync(string workflow, string id, ApprovalRequest? request = null, CancellationToken ct = default);

    /// <summary>Rejects the instance: sends it the event <c>approval</c> with <c>{ approved: false, reason, metadata, by }</c>.</summary>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="id">The instance's id.</param>
    /// <param name="request">The reason and metadata, or null for none.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The event's id.</returns>
    Task<EventSent> RejectAsync(string workflow, string id, ApprovalRequest? request = null, CancellationToken ct = default);

    /// <summary>
    /// The instance's events as they happen (<c>GET .../stream</c>, Server-Sent Events): its history first, then live events until
    /// it is complete, errored or terminated. A dropped connection is resumed with <c>Last-Event-ID</c>, without gaps or repeats.
    /// </summary>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="id">The instance's id.</param>
    /// <param name="lastEventId">Continue after this <see cref="InstanceStreamEvent.Sequence"/>; null for the whole history.</param>
    /// <param name="ct">Cancels the stream.</param>
    /// <returns>The events, ending with the final one.</returns>
    IAsyncEnumerable<InstanceStreamEvent> StreamAsync(string workflow, string id, long? lastEventId = null, CancellationToken ct = default);

    /// <summary>Creates a schedule, or updates it when its definition differs.</summary>
    /// <param name="id">The schedule's id.</param>
    /// <param name="request">Its definition.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The schedule.</returns>
    Task<ScheduleDetails> PutScheduleAsync(string id, ScheduleRequest request, CancellationToken ct = default);

    /// <summary>A schedule.</summary>
    /// <param name="id">The schedule's id.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The schedule.</returns>
    Task<ScheduleDetails> GetScheduleAsync(string id, CancellationToken ct = default);

    /// <summary>One page of the schedules, newest first.</summary>
    /// <param name="limit">Schedules per page, 1–100; null for the server's default.</param>
    /// <param name="cursor">A previous page's next cursor.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The page.</returns>
    Task<SchedulePage> ListSchedulesAsync(int? limit = null, string? cursor = null, CancellationToken ct = default);

    /// <summary>Pauses (<paramref name="paused"/>) or resumes a schedule.</summary>
    /// <param name="id">The schedule's id.</param>
    /// <param name="paused">True pauses, false resumes.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The schedule.</returns>
    Task<ScheduleDetails> SetSchedulePausedAsync(string id, bool paused, CancellationToken ct = default);

    /// <summary>Fires the schedule now, under its overlap policy.</summary>
    /// <param name="id">The schedule's id.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>What the firing did.</returns>
    Task<ScheduleFired> TriggerScheduleAsync(string id, CancellationToken ct = default);

    /// <summary>Deletes the schedule; its instances are left alone.</summary>
    /// <param name="id">The schedule's id.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>A task that completes once it is deleted.</returns>
    Task DeleteScheduleAsync(string id, CancellationToken ct = default);

    /// <summary>The diagram of a workflow's code: JSON, Mermaid or SVG text, as the Api renders it.</summary>
    /// <param name="workflow">The workflow's name.</param>
    /// <param name="format">json, mermaid or svg.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The diagram's text.</returns>
    Task<string> GetDiagramAsync(string workflow, string format = "json", CancellationToken ct = default);
}
