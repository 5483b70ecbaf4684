using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>The DevHost keeps its state in its SQLite file: a kill -9 and a start on the same file lose nothing.</summary>
public sealed class DevHostRestartTests(DevHostStack stack) : IClassFixture<DevHostStack>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_sleep_spans_a_killed_devhost_and_earlier_instances_are_still_listed()
    {
        var earlier = await stack.CreateAsync("echo", new { n = 1 });
        await stack.WaitForStatusAsync("echo", earlier, Timeout, "complete");
        var id = await stack.CreateAsync("sleepy", new { seconds = 5 });
        await stack.WaitForStatusAsync("sleepy", id, Timeout, "waiting");

        stack.Kill();
        await stack.StartAsync();

        var instance = await stack.WaitForStatusAsync("sleepy", id, Timeout, "complete");
        Assert.Equal(2, instance["output"]!["after"]!.GetValue<int>());
        var listed = (await stack.Api.GetFromJsonAsync<JsonObject>("api/workflows/echo/instances"))!["instances"]!.AsArray();
        Assert.Contains(listed, i => i!["id"]!.GetValue<string>() == earlier && i["status"]!.GetValue<string>() == "complete");
    }

    [Fact]
    public void Cli_json_holds_the_url_and_the_api_key()
    {
        var cli = JsonNode.Parse(File.ReadAllText(Path.Combine(stack.StateDirectory, "cli.json")))!;

        Assert.Equal(stack.Api.BaseAddress!.GetLeftPart(UriPartial.Authority), cli["url"]!.GetValue<string>());
        Assert.Equal(stack.ApiKey, cli["apiKey"]!.GetValue<string>());
    }

    [Fact]
    public void The_state_directory_and_every_file_in_it_are_readable_by_their_owner_only()
    {
        // Windows has no Unix modes: a new file inherits its folder's ACL.
        if (OperatingSystem.IsWindows()) return;
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(stack.StateDirectory));
        var files = Directory.GetFiles(stack.StateDirectory);
        Assert.Contains(Path.Combine(stack.StateDirectory, "engine.db"), files);
        foreach (var file in files)
            Assert.True(File.GetUnixFileMode(file) == ownerOnly, $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
    }
}
