using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflows.Cli;
using Workflows.Contracts;

namespace Workflows.Client.Tests;

/// <summary>Approve and reject from the HTTP API (curl's view) and from the CLI, on the distributed stack.</summary>
[Collection(nameof(StackCollection))]
public sealed class ApprovalEndToEndTests(ClientStack stack)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private async Task<string> StartSignoffAsync()
    {
        var id = $"e2e-{Guid.NewGuid():N}";
        await stack.CreateAsync("signoff", new { timeout = "5 minutes" }, id);
        await stack.WaitForStatusAsync("signoff", id, Timeout, InstanceStatuses.Waiting);
        return id;
    }

    [Fact]
    public async Task Api_approve_with_a_body_answers_202_with_the_event_id_and_completes_the_instance()
    {
        var id = await StartSignoffAsync();

        using var response = await stack.Api.PostAsJsonAsync($"api/workflows/signoff/instances/{id}/approve", new { reason = "fine", metadata = new { level = 2 } });
        var instance = await stack.WaitForStatusAsync("signoff", id, Timeout, InstanceStatuses.Complete, InstanceStatuses.Errored);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotEmpty((await response.Content.ReadFromJsonAsync<JsonObject>())!["eventId"]!.GetValue<string>());
        Assert.Equal("complete", instance["status"]!.GetValue<string>());
        Assert.Equal(("key-1", "fine", 2),
            (instance["output"]!["approvedBy"]!.GetValue<string>(), instance["output"]!["reason"]!.GetValue<string>(), instance["output"]!["metadata"]!["level"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Api_reject_without_a_body_errors_the_instance_and_bad_input_is_a_problem()
    {
        var id = await StartSignoffAsync();

        using var badJson = await stack.Api.PostAsync($"api/workflows/signoff/instances/{id}/reject", new StringContent("{\"reason\": ", System.Text.Encoding.UTF8, "application/json"));
        using var reject = await stack.Api.PostAsync($"api/workflows/signoff/instances/{id}/reject", null);
        var instance = await stack.WaitForStatusAsync("signoff", id, Timeout, InstanceStatuses.Complete, InstanceStatuses.Errored);

        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal("application/problem+json", badJson.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Accepted, reject.StatusCode);
        Assert.Equal(("errored", "WorkflowRejectedException"), (instance["status"]!.GetValue<string>(), instance["error"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Cli_approve_with_reason_and_metadata_completes_the_instance()
    {
        var id = await StartSignoffAsync();

        var (exit, output, error) = await CliAsync("instances", "approve", "signoff", id, "--reason", "cli says yes", "--metadata", "ticket=T-9", "--metadata", "env=prod");
        var instance = await stack.WaitForStatusAsync("signoff", id, Timeout, InstanceStatuses.Complete, InstanceStatuses.Errored);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains($"Approved instance {id}", output, StringComparison.Ordinal);
        Assert.Equal(("cli says yes", "T-9", "prod"),
            (instance["output"]!["reason"]!.GetValue<string>(), instance["output"]!["metadata"]!["ticket"]!.GetValue<string>(), instance["output"]!["metadata"]!["env"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Cli_reject_errors_the_instance_and_an_unknown_instance_exits_with_not_found()
    {
        var id = await StartSignoffAsync();

        var reject = await CliAsync("instances", "reject", "signoff", id, "--reason", "no", "--json");
        var unknown = await CliAsync("instances", "reject", "signoff", "no-such-instance");
        var instance = await stack.WaitForStatusAsync("signoff", id, Timeout, InstanceStatuses.Complete, InstanceStatuses.Errored);

        Assert.True(reject.Exit == 0, $"exit {reject.Exit}: {reject.Error}");
        Assert.NotEmpty(JsonNode.Parse(reject.Out)!["eventId"]!.GetValue<string>());
        Assert.Equal(ExitCodes.NotFound, unknown.Exit);
        Assert.Equal(("errored", "Rejected by key-1: no"), (instance["status"]!.GetValue<string>(), instance["error"]!["message"]!.GetValue<string>()));
    }

    private async Task<(int Exit, string Out, string Error)> CliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var variables = new Dictionary<string, string?> { ["WORKFLOWS_URL"] = stack.Api.BaseAddress!.ToString(), ["WORKFLOWS_API_KEY"] = stack.ApiKey };
        var exit = await Cli.Cli.RunAsync(args, new CliEnvironment(stdout, stderr, variables, Path.GetTempPath()));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
