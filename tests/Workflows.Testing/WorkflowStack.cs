using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Runtime;
using Xunit;

namespace Workflows.Testing;

/// <summary>
/// A running Workflows engine behind its HTTP API, whatever its shape (<see cref="DistributedStack"/>: a process per
/// service; <see cref="DevHostStack"/>: one process), and the calls the conformance tests make on it.
/// </summary>
public abstract class WorkflowStack : IAsyncLifetime
{
    public string ApiKey { get; } = $"test-key-{Guid.NewGuid():N}";

    /// <summary>An HTTP client on the API that sends <see cref="ApiKey"/>.</summary>
    public HttpClient Api { get; private set; } = null!;

    public abstract Task InitializeAsync();

    public virtual Task DisposeAsync()
    {
        Api?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Points <see cref="Api"/> at <paramref name="baseAddress"/> and waits until an Executor has registered its workflows.</summary>
    protected async Task ConnectAsync(Uri baseAddress)
    {
        Api?.Dispose();
        Api = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        await WaitForWorkflowsAsync();
    }

    /// <summary>
    /// POST /api/workflows/{workflow}/instances; returns the id. A 503 (an Orchestrator still cold, or slow under load,
    /// past the Api's request timeout) is tried again with the same id, as a client should: a 409 then means the first
    /// attempt did create it.
    /// </summary>
    public async Task<string> CreateAsync(string workflow, object? parameters = null, string? id = null)
    {
        id ??= InstanceIds.New();
        var (response, retried) = await SendPastUnavailableAsync(() =>
            new HttpRequestMessage(HttpMethod.Post, $"api/workflows/{workflow}/instances") { Content = JsonContent.Create(new { id, @params = parameters }) });
        using (response)
        {
            if (response.IsSuccessStatusCode || (retried && response.StatusCode == HttpStatusCode.Conflict))
                return id;
            throw new InvalidOperationException($"create {workflow} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>POST …/instances/{id}/events/{type} with <paramref name="payload"/>, keyed so a retry is deduplicated.</summary>
    public static HttpRequestMessage EventRequest(string workflow, string id, string type, object? payload, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/workflows/{workflow}/instances/{id}/events/{type}")
        {
            Content = JsonContent.Create(payload),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>
    /// Sends <see cref="EventRequest"/> and returns its status; a 503 (the Events service slow past the Api's request
    /// timeout) is sent again with the same key, which the inbox de-duplicates.
    /// </summary>
    public async Task<HttpStatusCode> SendEventAsync(string workflow, string id, string type, object? payload, string idempotencyKey)
    {
        using var response = (await SendPastUnavailableAsync(() => EventRequest(workflow, id, type, payload, idempotencyKey))).Response;
        return response.StatusCode;
    }

    /// <summary>
    /// Sends the request <paramref name="build"/> makes, again (a second apart, up to 10 times) while the Api answers 503;
    /// the last response, and whether it answered a retry.
    /// </summary>
    private async Task<(HttpResponseMessage Response, bool Retried)> SendPastUnavailableAsync(Func<HttpRequestMessage> build)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            var response = await Api.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 10)
                return (response, attempt > 1);
            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public async Task<JsonObject> GetAsync(string workflow, string id)
    {
        var body = await Api.GetStringAsync($"api/workflows/{workflow}/instances/{id}");
        // Inputs may be 64 levels deep and the answer nests them further: read with the engine's own headroom.
        return JsonNode.Parse(body, documentOptions: WorkflowJson.DocumentOptions)!.AsObject();
    }

    /// <summary>Polls the instance until its status is one of <paramref name="statuses"/>; fails with the last body seen.</summary>
    public async Task<JsonObject> WaitForStatusAsync(string workflow, string id, TimeSpan timeout, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await GetAsync(workflow, id);
                if (statuses.Contains(last["status"]!.GetValue<string>()))
                    return last;
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Not created yet (a start by message is asynchronous).
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"instance {id} did not reach {string.Join("/", statuses)} within {timeout}: {last?.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}");
    }

    private async Task WaitForWorkflowsAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Api.GetAsync(new Uri("api/workflows", UriKind.Relative));
            // 503: the Api listens before the database's migrations are applied.
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable)
            {
                response.EnsureSuccessStatusCode();
                if (JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Count > 0) return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("no Executor registered its workflows within 60 s");
    }
}
