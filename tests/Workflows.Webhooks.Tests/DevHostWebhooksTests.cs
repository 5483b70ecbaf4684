using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Workflows.Testing;

namespace Workflows.Webhooks.Tests;

/// <summary>The embedded engine mounts the Webhooks part: the DevHost answers <c>POST /webhooks/{source}</c> on its SQLite file.</summary>
public sealed class DevHostWebhooksTests : IAsyncLifetime
{
    private const string Secret = "devhost-secret";
    private readonly string _apiKey = $"key-{Guid.NewGuid():N}";
    private readonly string _state = Path.Combine(Path.GetTempPath(), $"workflows-devhost-webhooks-{Guid.NewGuid():N}");
    private ServiceProcess _devHost = null!;

    public async Task InitializeAsync()
    {
        _devHost = ServiceProcess.Start("Workflows.DevHost", new Dictionary<string, string?>
        {
            ["Api:Keys:0"] = _apiKey,
            ["Engine:StateDirectory"] = _state,
            ["Webhooks:Sources:github:Kind"] = "github",
            ["Webhooks:Sources:github:Secrets:0"] = Secret,
            ["Webhooks:Sources:github:Routes:0:Match:0:Header"] = "X-GitHub-Event",
            ["Webhooks:Sources:github:Routes:0:Match:0:Equals"] = "push",
            ["Webhooks:Sources:github:Routes:0:Start:Workflow"] = "echo",
        });
        await _devHost.WaitUntilAliveAsync(TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync()
    {
        await _devHost.DisposeAsync();
        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process that has not quite exited; the OS cleans the temp folder.
        }
    }

    [Fact]
    public async Task The_devhost_starts_an_instance_for_a_signed_delivery_once_and_needs_no_api_key_for_it()
    {
        using var http = new HttpClient { BaseAddress = _devHost.BaseAddress };
        var delivery = Guid.NewGuid().ToString();

        var first = await SendWhenReadyAsync(http, delivery);
        var second = await SendWhenReadyAsync(http, delivery);

        Assert.Equal(("started", $"github-{delivery}"), (first["action"]!.GetValue<string>(), first["instanceId"]!.GetValue<string>()));
        Assert.Equal("duplicate", second["action"]!.GetValue<string>());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonNode? instance;
        do
        {
            await Task.Delay(200);
            instance = JsonNode.Parse(await http.GetStringAsync($"api/workflows/echo/instances/github-{delivery}"));
        }
        while (instance!["status"]!.GetValue<string>() != "complete" && DateTime.UtcNow < deadline);
        Assert.Equal("complete", instance["status"]!.GetValue<string>());
        Assert.Equal("main", instance["output"]!["ref"]!.GetValue<string>());
    }

    /// <summary>Sends until the answer is not a 503 (the Executor registers its workflows just after start).</summary>
    private static async Task<JsonObject> SendWhenReadyAsync(HttpClient http, string delivery)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var request = Deliveries.GitHub("github", delivery, "push", """{"ref":"main"}""", Secret);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
                return JsonNode.Parse(text)!.AsObject();
            }
            await Task.Delay(200);
        }
    }
}
