using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Workflows.Client.Http;
using Workflows.Client.Models;
using Workflows.Client.Streaming;

namespace Workflows.Client;

/// <summary>
/// <see cref="IWorkflowsClient"/> over an <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is the Api and
/// which sends the key (<c>AddWorkflowsClient</c> configures one; a tool may pass its own).
/// </summary>
/// <param name="http">The HTTP client: base address and <c>Authorization</c> header set.</param>
public sealed class WorkflowsClient(HttpClient http) : IWorkflowsClient
{
    /// <summary>The header a send carries so that a repeated send (the client's retry, say) is a no-op.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const string EventStream = "text/event-stream";

    // After a dropped stream: reconnect at once, then back off up to this; give up after this many failures in a row.
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);
    private const int MaxReconnectFailures = 10;

    private static readonly JsonSerializerOptions Writing = new(JsonSerializerDefaults.Web);

    /// <summary>How the client reads the Api's answers: camelCase, strict (a member the Api always sends must be there).</summary>
    public static JsonSerializerOptions SerializerOptions => AnswerJson.Options;

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowSummary>> ListWorkflowsAsync(CancellationToken ct = default) =>
        await SendAsync<List<WorkflowSummary>>(HttpMethod.Get, "api/workflows", null, ct).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<CreatedInstance> CreateAsync(string workflow, CreateInstanceRequest request, CancellationToken ct = default) =>
        SendAsync<CreatedInstance>(HttpMethod.Post, Instances(workflow), Json(request), ct);

    /// <inheritdoc />
    public async Task<IReadOnlyList<CreatedInstance>> CreateBatchAsync(string workflow, IEnumerable<CreateInstanceRequest> requests, CancellationToken ct = default) =>
        await SendAsync<List<CreatedInstance>>(HttpMethod.Post, $"{Instances(workflow)}/batch", Json(requests.ToList()), ct).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<InstanceDetails> GetAsync(string workflow, string id, CancellationToken ct = default) =>
        SendAsync<InstanceDetails>(HttpMethod.Get, Instance(workflow, id), null, ct);

    /// <inheritdoc />
    public Task<InstancePage> ListInstancesPageAsync(InstanceQuery query, string? cursor = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null) parameters.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
        }
        Add("workflow", query.Workflow);
        Add("status", query.Status);
        foreach (var (key, value) in query.Metadata ?? new Dictionary<string, string>())
            Add("metadata." + key, value);
        Add("createdAfter", query.CreatedAfter?.ToString("O", CultureInfo.InvariantCulture));
        Add("createdBefore", query.CreatedBefore?.ToString("O", CultureInfo.InvariantCulture));
        Add("limit", query.Limit?.ToString(CultureInfo.InvariantCulture));
        Add("cursor", cursor);
        var path = parameters.Count == 0 ? "api/instances" : "api/instances?" + string.Join('&', parameters);
        return SendAsync<InstancePage>(HttpMethod.Get, path, null, ct);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<InstanceSummary> ListInstancesAsync(InstanceQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListInstancesPageAsync(query, cursor, ct).ConfigureAwait(false);
            foreach (var instance in page.Instances)
                yield return instance;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <inheritdoc />
    public Task<CommandAccepted> PauseAsync(string workflow, string id, CancellationToken ct = default) =>
        SendAsync<CommandAccepted>(HttpMethod.Post, $"{Instance(workflow, id)}/pause", null, ct);

    /// <inheritdoc />
    public Task<CommandAccepted> ResumeAsync(string workflow, string id, CancellationToken ct = default) =>
        SendAsync<CommandAccepted>(HttpMethod.Post, $"{Instance(workflow, id)}/resume", null, ct);

    /// <inheritdoc />
    public Task<CommandAccepted> TerminateAsync(string workflow, string id, bool rollback = false, CancellationToken ct = default) =>
        SendAsync<CommandAccepted>(HttpMethod.Post, $"{Instance(workflow, id)}/terminate", rollback ? Json(new TerminateRequest(true)) : null, ct);

    /// <inheritdoc />
    public Task<CommandAccepted> RestartAsync(string workflow, string id, RestartFrom? from = null, CancellationToken ct = default) =>
        SendAsync<CommandAccepted>(HttpMethod.Post, $"{Instance(workflow, id)}/restart", from is null ? null : Json(new RestartRequest(from)), ct);

    /// <inheritdoc />
    public Task<EventSent> SendEventAsync(string workflow, string id, string type, JsonElement? payload, string? idempotencyKey = null, CancellationToken ct = default) =>
        SendAsync<EventSent>(HttpMethod.Post, $"{Instance(workflow, id)}/events/{Uri.EscapeDataString(type)}",
            payload is { } p ? Json(p) : null, ct, idempotencyKey ?? Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public Task<EventSent> ApproveAsync(string workflow, string id, ApprovalRequest? request = null, CancellationToken ct = default) =>
        SendAsync<EventSent>(HttpMethod.Post, $"{Instance(workflow, id)}/approve", request is null ? null : Json(request), ct, Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public Task<EventSent> RejectAsync(string workflow, string id, ApprovalRequest? request = null, CancellationToken ct = default) =>
        SendAsync<EventSent>(HttpMethod.Post, $"{Instance(workflow, id)}/reject", request is null ? null : Json(request), ct, Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public async IAsyncEnumerable<InstanceStreamEvent> StreamAsync(string workflow, string id, long? lastEventId = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var last = lastEventId;
        var failures = 0;
        while (true)
        {
            if (failures >= MaxReconnectFailures)
                throw new HttpRequestException($"The stream of instance '{id}' ended {failures} times in a row without its final event.");
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Instance(workflow, id)}/stream");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(EventStream));
            if (last is { } resumeAfter)
                request.Headers.TryAddWithoutValidation("Last-Event-ID", resumeAfter.ToString(CultureInfo.InvariantCulture));

            HttpResponseMessage? response = null;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (failures + 1 < MaxReconnectFailures)
            {
                // The server is away (restarting, say): try again below.
                failures++;
            }

            if (response is not null)
            {
                using (response)
                {
                    if (!response.IsSuccessStatusCode)
                        throw await WorkflowsApiException.FromResponseAsync(response, ct).ConfigureAwait(false);
                    if (response.Content.Headers.ContentType?.MediaType != EventStream)
                        throw new WorkflowsApiException((int)response.StatusCode, "Unexpected answer",
                            $"GET {request.RequestUri} answered {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not {EventStream}.");
                    // A connection that ends without an event counts as a failure, so a server that keeps closing at once is given up on.
                    failures++;
                    var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                    await using var events = ServerSentEventReader.ReadAsync(stream, ct).GetAsyncEnumerator(ct);
                    while (await NextOrDroppedAsync(events, ct).ConfigureAwait(false))
                    {
                        var received = Parse(events.Current);
                        last = received.Sequence;
                        failures = 0;
                        yield return received;
                        if (IsFinal(received.Type))
                            yield break;
                    }
                }
            }
            // The connection ended before the final event: resume after the last event seen.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(MaxReconnectDelay.TotalMilliseconds, 100 * Math.Pow(2, failures))), ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task<ScheduleDetails> PutScheduleAsync(string id, ScheduleRequest request, CancellationToken ct = default) =>
        SendAsync<ScheduleDetails>(HttpMethod.Put, Schedule(id), Json(request), ct);

    /// <inheritdoc />
    public Task<ScheduleDetails> GetScheduleAsync(string id, CancellationToken ct = default) =>
        SendAsync<ScheduleDetails>(HttpMethod.Get, Schedule(id), null, ct);

    /// <inheritdoc />
    public Task<SchedulePage> ListSchedulesAsync(int? limit = null, string? cursor = null, CancellationToken ct = default)
    {
        var query = new List<string>();
        if (limit is not null) query.Add("limit=" + limit.Value.ToString(CultureInfo.InvariantCulture));
        if (cursor is not null) query.Add("cursor=" + Uri.EscapeDataString(cursor));
        return SendAsync<SchedulePage>(HttpMethod.Get, query.Count == 0 ? "api/schedules" : $"api/schedules?{string.Join('&', query)}", null, ct);
    }

    /// <inheritdoc />
    public Task<ScheduleDetails> SetSchedulePausedAsync(string id, bool paused, CancellationToken ct = default) =>
        SendAsync<ScheduleDetails>(HttpMethod.Post, $"{Schedule(id)}/{(paused ? "pause" : "resume")}", null, ct);

    /// <inheritdoc />
    public Task<ScheduleFired> TriggerScheduleAsync(string id, CancellationToken ct = default) =>
        SendAsync<ScheduleFired>(HttpMethod.Post, $"{Schedule(id)}/trigger", null, ct);

    /// <inheritdoc />
    public async Task DeleteScheduleAsync(string id, CancellationToken ct = default) =>
        await SendTextAsync(HttpMethod.Delete, Schedule(id), null, ct).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<string> GetDiagramAsync(string workflow, string format = "json", CancellationToken ct = default)
    {
        var path = $"api/workflows/{Uri.EscapeDataString(workflow)}/diagram?format={Uri.EscapeDataString(format)}";
        var (status, text) = await SendTextAsync(HttpMethod.Get, path, null, ct).ConfigureAwait(false);
        return text ?? throw new WorkflowsApiException(status, "Unexpected answer", $"GET {path} answered {status} in a charset this client cannot read.");
    }

    private static bool IsFinal(string type) =>
        type is InstanceStreamEventTypes.Complete or InstanceStreamEventTypes.Errored or InstanceStreamEventTypes.Terminated;

    private static InstanceStreamEvent Parse(ServerSentEvent sse)
    {
        try
        {
            return JsonSerializer.Deserialize<InstanceStreamEvent>(sse.Data, AnswerJson.Options) ?? throw new JsonException("The event's data is null.");
        }
        catch (JsonException e)
        {
            throw new WorkflowsApiException(200, "Unexpected answer", $"The stream sent an event this client cannot read: {e.Message}");
        }
    }

    /// <summary>The next event; false at the end of the stream, or when the connection dropped (then the caller resumes).</summary>
    private static async Task<bool> NextOrDroppedAsync(IAsyncEnumerator<ServerSentEvent> events, CancellationToken ct)
    {
        try
        {
            return await events.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string Schedule(string id) => $"api/schedules/{Uri.EscapeDataString(id)}";

    private static string Instances(string workflow) => $"api/workflows/{Uri.EscapeDataString(workflow)}/instances";

    private static string Instance(string workflow, string id) => $"{Instances(workflow)}/{Uri.EscapeDataString(id)}";

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Writing);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string? jsonBody, CancellationToken ct, string? idempotencyKey = null)
    {
        var (status, text) = await SendTextAsync(method, path, jsonBody, ct, idempotencyKey).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<T>(text ?? throw new JsonException("Its charset is unknown."), AnswerJson.Options)
                ?? throw new JsonException("The body is null.");
        }
        catch (JsonException e)
        {
            throw new WorkflowsApiException(status, "Unexpected answer", $"{method} {path} answered {status} with a body this client cannot read: {e.Message}");
        }
    }

    /// <summary>A successful answer's status and body (null when its charset is unknown); an error status throws.</summary>
    private async Task<(int Status, string? Text)> SendTextAsync(HttpMethod method, string path, string? jsonBody, CancellationToken ct, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (jsonBody is not null)
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        if (idempotencyKey is not null)
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);

        // The default completion buffers the whole body, so a connection cut mid-answer fails here too.
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await WorkflowsApiException.FromResponseAsync(response, ct).ConfigureAwait(false);
        string? text;
        try
        {
            text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            text = null;
        }
        return ((int)response.StatusCode, text);
    }
}
