using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workflows.Client.Observers.Tests;

/// <summary>A <c>callback.url</c> given at create receives every lifecycle event of its instance, signed, in order, retried until acknowledged.</summary>
[Collection(LifecycleCollection.Name)]
public sealed class CallbackTests(LifecycleStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_receiver_that_fails_its_first_3_deliveries_still_gets_every_event_once_acknowledged_in_order()
    {
        await using var receiver = new CallbackReceiver(failures: 3);
        var id = $"cb-{Guid.NewGuid():N}";
        using (var created = await stack.Api.PostAsJsonAsync("api/workflows/progress/instances",
                   new { id, @params = new { steps = 2, stepMilliseconds = 10 }, callback = new { url = receiver.Url } }))
            created.EnsureSuccessStatusCode();
        await stack.WaitForStatusAsync("progress", id, Patience, "complete");

        var deadline = DateTime.UtcNow + Patience;
        while (!receiver.Received.Any(r => r.Acknowledged && TypeOf(r) == "InstanceCompleted") && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        var received = receiver.Received.ToList();
        // The first event was refused three times, then acknowledged: four POSTs with one webhook-id, nothing overtook it.
        Assert.Equal(4, received.TakeWhile(r => r.Id == received[0].Id).Count());
        Assert.Equal([false, false, false, true], received.Take(4).Select(r => r.Acknowledged));
        var acknowledged = received.Where(r => r.Acknowledged).ToList();
        Assert.Equal(acknowledged.Count, acknowledged.Select(r => r.Id).Distinct().Count());
        var types = acknowledged.Select(TypeOf).ToList();
        Assert.Equal("InstanceCreated", types[0]);
        Assert.Equal("InstanceStarted", types[1]);
        Assert.Equal("InstanceCompleted", types[^1]);
        Assert.Equal([1, 2], acknowledged.Where(r => TypeOf(r) == "InstanceProgress" && Data(r).TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object)
            .Select(r => Data(r).GetProperty("payload").GetProperty("done").GetInt32()));
        Assert.All(acknowledged, r => Assert.Equal(id, Data(r).GetProperty("instanceId").GetString()));
        Assert.All(received, r => Assert.Equal(Sign(r), r.Signature));
    }

    [Fact]
    public async Task A_callback_url_that_is_not_absolute_http_is_a_400()
    {
        using var relative = await stack.Api.PostAsJsonAsync("api/workflows/echo/instances", new { callback = new { url = "/hooks" } });
        using var ftp = await stack.Api.PostAsJsonAsync("api/workflows/echo/instances/batch", new[] { new { callback = new { url = "ftp://example.com/x" } } });

        Assert.Equal(HttpStatusCode.BadRequest, relative.StatusCode);
        Assert.Contains("absolute http or https", await relative.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, ftp.StatusCode);
        Assert.Contains("Item 0", await ftp.Content.ReadAsStringAsync());
    }

    private static string TypeOf(ReceivedCallback r) => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()!;

    private static JsonElement Data(ReceivedCallback r) => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").Clone();

    /// <summary>The Standard Webhooks signature computed here from the spec, not with the engine's code.</summary>
    private static string Sign(ReceivedCallback r)
    {
        var key = Convert.FromBase64String(LifecycleStack.CallbackSecret["whsec_".Length..]);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{r.Id}.{r.Timestamp}.{r.Body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}
