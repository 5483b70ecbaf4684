using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflows.Testing;

namespace Workflows.FaultInjection.Tests;

/// <summary>
/// What a careful API user does while services crash: retries a create or an event on any failure that is not an
/// answer (connection refused, timeout, 5xx), with the same id or Idempotency-Key, so a retry never duplicates.
/// Counts how many calls needed a retry.
/// </summary>
internal sealed class PatientClient(WorkflowStack stack)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(3);
    private int retried;

    public int Retried => retried;

    /// <summary>Creates the order; 409 means an earlier attempt whose answer was lost created it.</summary>
    public Task CreateAsync(Order order) => SendAsync(
        $"create {order.Id}",
        () => new HttpRequestMessage(HttpMethod.Post, "api/workflows/order/instances")
        {
            Content = JsonContent.Create(new { id = order.Id, @params = order.Params }),
        },
        HttpStatusCode.Created, HttpStatusCode.Accepted, HttpStatusCode.Conflict);

    /// <summary>Sends the order its <c>approval</c> event, keyed so a retry is deduplicated.</summary>
    public Task ApproveAsync(Order order) => SendAsync(
        $"approve {order.Id}",
        () => WorkflowStack.EventRequest("order", order.Id, "approval", new { by = order.Id }, $"approve-{order.Id}"),
        HttpStatusCode.Accepted);

    public async Task<JsonObject> GetAsync(string id)
    {
        JsonObject? found = null;
        await SendAsync($"get {id}", () => new HttpRequestMessage(HttpMethod.Get, $"api/workflows/order/instances/{id}"),
            async response => found = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject(),
            HttpStatusCode.OK);
        return found!;
    }

    private Task SendAsync(string what, Func<HttpRequestMessage> request, params HttpStatusCode[] accepted) =>
        SendAsync(what, request, _ => Task.CompletedTask, accepted);

    private async Task SendAsync(string what, Func<HttpRequestMessage> request, Func<HttpResponseMessage, Task> read, params HttpStatusCode[] accepted)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var message = request();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                using var response = await stack.Api.SendAsync(message, timeout.Token);
                if (accepted.Contains(response.StatusCode))
                {
                    await read(response);
                    return;
                }
                failure = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if ((int)response.StatusCode < 500)
                    throw new InvalidOperationException($"{what} answered {failure}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failure = e.Message;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} still failed after {attempt} attempts: {failure}");
            if (attempt == 1)
                Interlocked.Increment(ref retried);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)));
        }
    }
}
