using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Cli.Models;

namespace Workflows.Cli.Http;

/// <summary>The Api's routes (docs/api.md) as methods; an error status throws <see cref="ApiException"/>, no answer <see cref="ServerUnreachableException"/>.</summary>
internal sealed class WorkflowsApiClient : IDisposable
{
    /// <summary>The most instances one page holds: the Api's own limit (its InstanceEndpoints), checked here so a bad --limit is a usage error.</summary>
    public const int MaxPageSize = 100;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;

    public WorkflowsApiClient(ServerSettings server)
    {
        // A trailing slash makes relative routes resolve under a path prefix (http://host/workflows/ + api/...).
        var baseUrl = server.Url.AbsoluteUri.EndsWith('/') ? server.Url : new Uri(server.Url.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = Timeout };
        if (server.ApiKey is not null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);
        HasKey = server.ApiKey is not null;
    }

    public bool HasKey { get; }

    public Task<ApiResponse<List<WorkflowSummary>>> ListWorkflowsAsync(CancellationToken ct) =>
        SendAsync<List<WorkflowSummary>>(HttpMethod.Get, "api/workflows", null, ct);

    public Task<ApiResponse<CreatedInstance>> CreateInstanceAsync(string workflow, string? id, JsonNode? parameters, CancellationToken ct)
    {
        var body = new JsonObject();
        if (id is not null) body["id"] = id;
        if (parameters is not null) body["params"] = parameters;
        return SendAsync<CreatedInstance>(HttpMethod.Post, Instances(workflow), body.ToJsonString(), ct);
    }

    public Task<ApiResponse<InstancePage>> ListInstancesAsync(string workflow, string? status, int? limit, string? cursor, CancellationToken ct)
    {
        var query = new List<string>();
        if (status is not null) query.Add("status=" + Uri.EscapeDataString(status));
        if (limit is not null) query.Add("limit=" + limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (cursor is not null) query.Add("cursor=" + Uri.EscapeDataString(cursor));
        var path = query.Count == 0 ? Instances(workflow) : $"{Instances(workflow)}?{string.Join('&', query)}";
        return SendAsync<InstancePage>(HttpMethod.Get, path, null, ct);
    }

    public Task<ApiResponse<InstanceDetails>> GetInstanceAsync(string workflow, string id, CancellationToken ct) =>
        SendAsync<InstanceDetails>(HttpMethod.Get, Instance(workflow, id), null, ct);

    public Task<ApiResponse<CommandAccepted>> PauseAsync(string workflow, string id, CancellationToken ct) =>
        SendAsync<CommandAccepted>(HttpMethod.Post, $"{Instance(workflow, id)}/pause", null, ct);

    public Task<ApiResponse<CommandAccepted>> ResumeAsync(string workflow, string id, CancellationToken ct) =>
        SendAsync<CommandAccepted>(HttpMethod.Post, $"{Instance(workflow, id)}/resume", null, ct);

    /// <summary>With <paramref name="rollback"/>, the rollbacks of the instance's completed steps run before it ends.</summary>
    public Task<ApiResponse<CommandAccepted>> TerminateAsync(string workflow, string id, bool rollback, CancellationToken ct) =>
        SendAsync<CommandAccepted>(HttpMethod.Post, $"{Instance(workflow, id)}/terminate",
            rollback ? new JsonObject { ["rollback"] = true }.ToJsonString() : null, ct);

    /// <summary>From the start, or from the <paramref name="count"/>-th occurrence of step <paramref name="fromStep"/>.</summary>
    public Task<ApiResponse<CommandAccepted>> RestartAsync(string workflow, string id, string? fromStep, int? count, CancellationToken ct)
    {
        string? body = null;
        if (fromStep is not null)
        {
            var from = new JsonObject { ["name"] = fromStep };
            if (count is not null) from["count"] = count;
            body = new JsonObject { ["from"] = from }.ToJsonString();
        }
        return SendAsync<CommandAccepted>(HttpMethod.Post, $"{Instance(workflow, id)}/restart", body, ct);
    }

    /// <summary><paramref name="payloadJson"/> is sent as the body as it is (null sends none, which the engine reads as a null payload).</summary>
    public Task<ApiResponse<EventSent>> SendEventAsync(string workflow, string id, string type, string? payloadJson, CancellationToken ct) =>
        SendAsync<EventSent>(HttpMethod.Post, $"{Instance(workflow, id)}/events/{Uri.EscapeDataString(type)}", payloadJson, ct);

    /// <summary>POSTs a signed delivery to <c>webhooks/{source}</c> with its bytes exactly as signed; the answer is <c>{ deliveryId, action, instanceId? }</c>.</summary>
    public Task<ApiResponse<JsonObject>> SendWebhookAsync(string source, byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return SendContentAsync<JsonObject>(HttpMethod.Post, $"webhooks/{Uri.EscapeDataString(source)}", content, ct, headers);
    }

    /// <summary><paramref name="definitionJson"/> is the body of <c>PUT /api/schedules/{id}</c>.</summary>
    public Task<ApiResponse<ScheduleDetails>> PutScheduleAsync(string id, string definitionJson, CancellationToken ct) =>
        SendAsync<ScheduleDetails>(HttpMethod.Put, Schedule(id), definitionJson, ct);

    public Task<ApiResponse<SchedulePage>> ListSchedulesAsync(int? limit, string? cursor, CancellationToken ct)
    {
        var query = new List<string>();
        if (limit is not null) query.Add("limit=" + limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (cursor is not null) query.Add("cursor=" + Uri.EscapeDataString(cursor));
        return SendAsync<SchedulePage>(HttpMethod.Get, query.Count == 0 ? "api/schedules" : $"api/schedules?{string.Join('&', query)}", null, ct);
    }

    public Task<ApiResponse<ScheduleDetails>> GetScheduleAsync(string id, CancellationToken ct) =>
        SendAsync<ScheduleDetails>(HttpMethod.Get, Schedule(id), null, ct);

    /// <summary><paramref name="action"/> is pause or resume.</summary>
    public Task<ApiResponse<ScheduleDetails>> SetScheduleStateAsync(string id, string action, CancellationToken ct) =>
        SendAsync<ScheduleDetails>(HttpMethod.Post, $"{Schedule(id)}/{action}", null, ct);

    public Task<ApiResponse<ScheduleFired>> TriggerScheduleAsync(string id, CancellationToken ct) =>
        SendAsync<ScheduleFired>(HttpMethod.Post, $"{Schedule(id)}/trigger", null, ct);

    /// <summary>204 without a body: the answer is the schedule's id.</summary>
    public Task<ApiResponse<string>> DeleteScheduleAsync(string id, CancellationToken ct) =>
        SendAsync<string>(HttpMethod.Delete, Schedule(id), null, ct, noContent: id);

    public void Dispose() => _http.Dispose();

    private static string Schedule(string id) => $"api/schedules/{Uri.EscapeDataString(id)}";

    private static string Instances(string workflow) => $"api/workflows/{Uri.EscapeDataString(workflow)}/instances";

    private static string Instance(string workflow, string id) => $"{Instances(workflow)}/{Uri.EscapeDataString(id)}";

    /// <summary>The diagram of a workflow's code as the Api renders it: JSON, Mermaid or SVG text, unparsed.</summary>
    public async Task<string> GetDiagramAsync(string workflow, string format, CancellationToken ct)
    {
        var path = $"api/workflows/{Uri.EscapeDataString(workflow)}/diagram?format={Uri.EscapeDataString(format)}";
        var (status, text) = await SendTextAsync(HttpMethod.Get, path, null, ct);
        return text ?? throw new ApiException(status, "Unexpected answer", $"GET {path} answered {status} in a charset this CLI cannot read.");
    }

    /// <summary><paramref name="noContent"/> stands for the answer of a 204 (which has no body to read).</summary>
    private Task<ApiResponse<T>> SendAsync<T>(HttpMethod method, string path, string? jsonBody, CancellationToken ct, T? noContent = default) =>
        SendContentAsync(method, path, jsonBody is null ? null : new StringContent(jsonBody, Encoding.UTF8, "application/json"), ct, noContent: noContent);

    private async Task<ApiResponse<T>> SendContentAsync<T>(
        HttpMethod method, string path, HttpContent? content, CancellationToken ct, IReadOnlyDictionary<string, string>? headers = null, T? noContent = default)
    {
        var (status, text) = await SendTextAsync(method, path, content, ct, headers);
        if (status == 204 && noContent is not null)
            return new ApiResponse<T>(noContent, "");
        try
        {
            var value = JsonSerializer.Deserialize<T>(text ?? throw new JsonException("Its charset is unknown."), AnswerJson.Options)
                ?? throw new JsonException("The body is null.");
            return new ApiResponse<T>(value, text);
        }
        catch (JsonException e)
        {
            throw new ApiException(status, "Unexpected answer", $"{method} {path} answered {status} with a body this CLI cannot read: {e.Message}");
        }
    }

    /// <summary>A successful answer's status and body (null when its charset is unknown); an error status throws.</summary>
    private async Task<(int Status, string? Text)> SendTextAsync(
        HttpMethod method, string path, HttpContent? content, CancellationToken ct, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);

        HttpResponseMessage response;
        try
        {
            // The default completion buffers the whole body, so a connection cut mid-answer fails here too.
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new ServerUnreachableException($"Cannot reach the Workflows server at {_http.BaseAddress}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ServerUnreachableException($"The Workflows server at {_http.BaseAddress} did not answer within {Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await ReadTextAsync(response, ct);
            if (!response.IsSuccessStatusCode)
                throw ToException(status, response.ReasonPhrase, text ?? "");
            return (status, text);
        }
    }

    /// <summary>The body as text, or null when its declared charset is one .NET does not know.</summary>
    private static async Task<string?> ReadTextAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(ct);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Problem details (docs/api.md#errors) give the detail; anything else falls back to the reason phrase.</summary>
    private static ApiException ToException(int status, string? reasonPhrase, string body)
    {
        string? title = null, detail = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                title = String(document.RootElement, "title");
                detail = String(document.RootElement, "detail");
            }
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's HTML page, say): the status alone is all there is.
        }
        var reason = title ?? reasonPhrase ?? "Error";
        return new ApiException(status, reason, OneLine(detail ?? reason));
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
