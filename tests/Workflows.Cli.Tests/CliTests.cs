using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflows.Testing;

namespace Workflows.Cli.Tests;

/// <summary>Every command against the distributed stack, as a user types it.</summary>
public sealed partial class CliTests(DistributedStack stack) : IClassFixture<DistributedStack>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private Dictionary<string, string?> Variables => new()
    {
        ["WORKFLOWS_URL"] = stack.Api.BaseAddress!.ToString(),
        ["WORKFLOWS_API_KEY"] = stack.ApiKey,
    };

    private Task<CliResult> Cli(params string[] args) => CliResult.RunAsync(Variables, Path.GetTempPath(), args);

    private static string NewId() => $"cli-{Guid.NewGuid():N}";

    [Fact]
    public async Task List_prints_a_table_of_the_registered_workflows()
    {
        var result = await Cli("list");

        result.AssertOk();
        Assert.StartsWith("NAME", result.Out, StringComparison.Ordinal);
        Assert.Contains("approval", result.Out, StringComparison.Ordinal);
        Assert.Contains("echo", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_with_json_prints_the_api_array_and_nothing_else()
    {
        var result = await Cli("list", "--json");

        result.AssertOk();
        var echo = result.Json.AsArray().Single(w => w!["name"]!.GetValue<string>() == "echo")!;
        Assert.NotNull(echo["firstSeenAt"]);
        Assert.NotNull(echo["lastSeenAt"]);
    }

    [Fact]
    public async Task Describe_counts_a_workflows_instances_by_status()
    {
        var id = await stack.CreateAsync("nonretryable");
        await stack.WaitForStatusAsync("nonretryable", id, Timeout, "errored");

        var text = await Cli("describe", "nonretryable");
        var json = await Cli("describe", "nonretryable", "--json");

        text.AssertOk();
        text.AssertHasLine(@"errored\s+\d+");
        json.AssertOk();
        Assert.Equal("nonretryable", json.Json["name"]!.GetValue<string>());
        Assert.True(json.Json["instances"]!["byStatus"]!["errored"]!.GetValue<int>() >= 1);
        Assert.False(json.Json["instances"]!["more"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Describe_of_an_unknown_workflow_exits_with_the_not_found_code()
    {
        var result = await Cli("describe", "no-such-workflow");

        result.AssertFailed(ExitCodes.NotFound, "no-such-workflow");
    }

    [Fact]
    public async Task Trigger_prints_the_id_and_status_and_the_instance_gets_the_params()
    {
        var id = NewId();

        var result = await Cli("trigger", "echo", """{"hello": "cli"}""", "--id", id);

        result.AssertOk();
        Assert.Contains(id, result.Out, StringComparison.Ordinal);
        Assert.Contains("running", result.Out, StringComparison.Ordinal);
        var instance = await stack.WaitForStatusAsync("echo", id, Timeout, "complete");
        Assert.Equal("cli", instance["output"]!["hello"]!.GetValue<string>());
    }

    [Fact]
    public async Task Trigger_with_json_prints_the_created_instance()
    {
        var result = await Cli("trigger", "echo", "--json");

        result.AssertOk();
        Assert.Equal("running", result.Json["status"]!.GetValue<string>());
        Assert.NotEmpty(result.Json["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Trigger_with_watch_follows_the_steps_to_complete_and_exits_0()
    {
        var result = await Cli("trigger", "sleepy", """{"seconds": 3}""", "--watch");

        result.AssertOk();
        result.AssertHasLine(@"Status\s+waiting");
        result.AssertHasLine(@"Status\s+complete");
        result.AssertHasLine(@"sleep\s+sleep\s+complete\s+\d+\s+\d.*");
        result.AssertHasLine(@"Output\s+\{.*""after"":2.*\}");
    }

    [Fact]
    public async Task Trigger_with_watch_and_json_prints_only_the_final_instance()
    {
        var result = await Cli("trigger", "echo", "[1, 2]", "--watch", "--json");

        result.AssertOk();
        Assert.Equal("complete", result.Json["status"]!.GetValue<string>());
        Assert.Equal(2, result.Json["output"]!.AsArray().Count);
    }

    [Fact]
    public async Task Watching_an_instance_that_errors_exits_with_the_errored_code()
    {
        var result = await Cli("trigger", "nonretryable", "--watch");

        Assert.Equal(ExitCodes.InstanceErrored, result.ExitCode);
        Assert.Contains("NonRetryableException: nope", result.Error, StringComparison.Ordinal);
        result.AssertHasLine(@"Status\s+errored");
    }

    [Fact]
    public async Task Instances_list_prints_a_table_and_the_cursor_of_the_next_page()
    {
        var batch = new[] { NewId(), NewId(), NewId() };
        foreach (var id in batch)
            await stack.CreateAsync("long", new { steps = 0 }, id);
        foreach (var id in batch)
            await stack.WaitForStatusAsync("long", id, Timeout, "complete");

        var first = await Cli("instances", "list", "long", "--limit", "2");
        first.AssertOk();
        Assert.Matches(@"^ID\s+STATUS\s+CREATED\s+ENDED", first.Out);
        var cursor = NextCursor().Match(first.Out).Groups[1].Value;
        var second = await Cli("instances", "list", "long", "--limit", "2", "--cursor", cursor);
        var json = await Cli("instances", "list", "long", "--status", "complete", "--json");

        second.AssertOk();
        var listed = first.Out + second.Out;
        Assert.All(batch, id => Assert.Contains(id, listed, StringComparison.Ordinal));
        json.AssertOk();
        Assert.Equal(3, json.Json["instances"]!.AsArray().Count(i => batch.Contains(i!["id"]!.GetValue<string>())));
        Assert.All(json.Json["instances"]!.AsArray(), i => Assert.Equal("complete", i!["status"]!.GetValue<string>()));
        Assert.True(json.Json.AsObject().ContainsKey("nextCursor"));
    }

    [Fact]
    public async Task Instances_list_without_a_workflow_finds_instances_of_every_workflow_by_metadata()
    {
        var run = Guid.NewGuid().ToString("N");
        var echo = await Cli("trigger", "echo", "--metadata", $"run={run}", "--metadata", "team=cli", "--json");
        var sleepy = await Cli("trigger", "sleepy", """{"seconds": 0}""", "--metadata", $"run={run}", "--json");
        var bad = await Cli("trigger", "echo", "--metadata", "no-equals-sign");

        var text = await Cli("instances", "list", "--metadata", $"run={run}");
        var json = await Cli("instances", "list", "--metadata", $"run={run}", "--metadata", "team=cli", "--json");

        text.AssertOk();
        text.AssertHasLine(@"ID\s+WORKFLOW\s+STATUS\s+CREATED\s+ENDED\s+METADATA");
        text.AssertHasLine($@"{echo.Json["id"]}\s+echo\s+\S+\s+.*run={run} team=cli");
        text.AssertHasLine($@"{sleepy.Json["id"]}\s+sleepy\s+\S+\s+.*run={run}");
        json.AssertOk();
        Assert.Equal([echo.Json["id"]!.GetValue<string>()], json.Json["instances"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        bad.AssertFailed(ExitCodes.Usage, "--metadata 'no-equals-sign' is not key=value");
    }

    [Fact]
    public async Task Trigger_with_a_priority_creates_the_instance_with_it_and_refuses_one_out_of_range()
    {
        var created = await Cli("trigger", "echo", "--priority", "1", "--json");
        var outOfRange = await Cli("trigger", "echo", "--priority", "9");

        created.AssertOk();
        var described = await Cli("instances", "describe", "echo", created.Json["id"]!.GetValue<string>(), "--json");
        var text = await Cli("instances", "describe", "echo", created.Json["id"]!.GetValue<string>());
        described.AssertOk();
        Assert.Equal(1, described.Json["priority"]!.GetValue<int>());
        text.AssertHasLine(@"Priority\s+1");
        outOfRange.AssertFailed(ExitCodes.Usage, "--priority must be a whole number from 1 to 5; got '9'.");
    }

    [Fact]
    public async Task Instances_describe_shows_a_parent_s_children_and_a_child_s_parent()
    {
        var parent = await stack.CreateAsync("parent", new { children = 1 });
        await stack.WaitForStatusAsync("parent", parent, Timeout, "complete");

        var text = await Cli("instances", "describe", "parent", parent);
        var json = await Cli("instances", "describe", "parent", parent, "--json");

        text.AssertOk();
        text.AssertHasLine(@"Children\s+child/\S+ \(complete\)");
        var childId = json.Json["children"]![0]!["id"]!.GetValue<string>();
        var childText = await Cli("instances", "describe", "child", childId);
        childText.AssertHasLine($@"Parent\s+parent/{parent} \(complete\)");
    }

    [Fact]
    public async Task Instances_describe_shows_status_output_and_a_table_of_steps()
    {
        var id = await stack.CreateAsync("sleepy", new { seconds = 1 });
        await stack.WaitForStatusAsync("sleepy", id, Timeout, "complete");

        var text = await Cli("instances", "describe", "sleepy", id);
        var json = await Cli("instances", "describe", "sleepy", id, "--json");

        text.AssertOk();
        text.AssertHasLine(@"Status\s+complete");
        text.AssertHasLine(@"Output\s+\{.*""before"":1.*\}");
        text.AssertHasLine(@"CPU time\s+[\d.]+ ms");
        text.AssertHasLine(@"STEP\s+TYPE\s+STATUS\s+ATTEMPTS\s+DURATION");
        text.AssertHasLine(@"before\s+do\s+complete\s+1\s+\d.*");
        text.AssertHasLine(@"after\s+do\s+complete\s+1\s+\d.*");
        json.AssertOk();
        Assert.Equal(["before", "sleep", "after"], json.Json["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Watching_approval_reaches_complete_once_the_event_is_sent()
    {
        var id = await stack.CreateAsync("approval", new { timeout = "1 minute" });
        var live = new LiveOutput();
        var watching = CliResult.RunAsync(live, Variables, Path.GetTempPath(), "instances", "describe", "approval", id, "--watch");
        await live.WaitForAsync("waitForEvent", Timeout);

        var sent = await Cli("instances", "send-event", "approval", id, "--type", "approval", "--payload", """{"approved": true, "by": "cli"}""", "--json");
        var watched = await watching.WaitAsync(Timeout);

        sent.AssertOk();
        Assert.NotEmpty(sent.Json["eventId"]!.GetValue<string>());
        watched.AssertOk();
        watched.AssertHasLine(@"approval\s+waitForEvent\s+waiting.*");
        watched.AssertHasLine(@"Status\s+complete");
        watched.AssertHasLine(@"Output\s+\{.*""by"":""cli"".*\}");
    }

    [Fact]
    public async Task Send_event_prints_the_event_id()
    {
        var id = await stack.CreateAsync("approval", new { timeout = "1 minute" });

        var result = await Cli("instances", "send-event", "approval", id, "--type", "approval", "--payload", """{"approved": false}""");

        result.AssertOk();
        Assert.Contains($"Sent event 'approval' to instance {id}", result.Out, StringComparison.Ordinal);
        await stack.WaitForStatusAsync("approval", id, Timeout, "complete");
    }

    [Fact]
    public async Task Pause_then_resume_print_the_new_status_and_the_instance_completes()
    {
        var id = await stack.CreateAsync("slow", new { steps = 4, stepMilliseconds = 700 });
        await stack.WaitForStatusAsync("slow", id, Timeout, "running");

        var pause = await Cli("instances", "pause", "slow", id);
        await stack.WaitForStatusAsync("slow", id, Timeout, "paused");
        var resume = await Cli("instances", "resume", "slow", id, "--json");

        pause.AssertOk();
        Assert.Contains($"Pause accepted: instance {id} is waitingForPause.", pause.Out, StringComparison.Ordinal);
        resume.AssertOk();
        Assert.NotEmpty(resume.Json["status"]!.GetValue<string>());
        await stack.WaitForStatusAsync("slow", id, Timeout, "complete");
    }

    [Fact]
    public async Task Terminating_twice_exits_with_the_conflict_code_the_second_time()
    {
        var id = await stack.CreateAsync("approval", new { timeout = "1 minute" });
        await stack.WaitForStatusAsync("approval", id, Timeout, "waiting");

        var first = await Cli("instances", "terminate", "approval", id);
        await stack.WaitForStatusAsync("approval", id, Timeout, "terminated");
        var second = await Cli("instances", "terminate", "approval", id, "--json");

        first.AssertOk();
        Assert.Contains("Terminate accepted", first.Out, StringComparison.Ordinal);
        second.AssertFailed(ExitCodes.Conflict, "(409 Conflict)");
    }

    [Fact]
    public async Task Terminate_with_rollback_runs_the_rollbacks_of_the_completed_steps_first()
    {
        var id = await stack.CreateAsync("rollback", new { failAt = 0, sleepSeconds = 3600 });
        await stack.WaitForStatusAsync("rollback", id, Timeout, "waiting");

        var terminate = await Cli("instances", "terminate", "rollback", id, "--rollback");

        terminate.AssertOk();
        var deadline = DateTime.UtcNow + Timeout;
        var instance = await stack.GetAsync("rollback", id);
        while (instance["rollback"] is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            instance = await stack.GetAsync("rollback", id);
        }
        Assert.Equal(("terminated", "complete"), (instance["status"]!.GetValue<string>(), instance["rollback"]!["outcome"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Restart_from_a_step_reruns_it_and_keeps_the_steps_before_it()
    {
        var id = await stack.CreateAsync("sleepy", new { seconds = 1 });
        var first = await stack.WaitForStatusAsync("sleepy", id, Timeout, "complete");

        var result = await Cli("instances", "restart", "sleepy", id, "--from", "after", "--count", "1");

        result.AssertOk();
        Assert.Contains("Restart accepted", result.Out, StringComparison.Ordinal);
        var again = await stack.WaitForStatusAsync("sleepy", id, Timeout, "complete");
        Assert.Equal(StepEnded(first, 0), StepEnded(again, 0));
        Assert.NotEqual(StepEnded(first, 2), StepEnded(again, 2));
    }

    [Fact]
    public async Task A_wrong_or_missing_key_exits_with_the_unauthorized_code()
    {
        var wrong = await Cli("list", "--key", "not-the-key");
        var missing = await CliResult.RunAsync(new Dictionary<string, string?> { ["WORKFLOWS_URL"] = stack.Api.BaseAddress!.ToString() }, Path.GetTempPath(), "list", "--json");

        wrong.AssertFailed(ExitCodes.Unauthorized, "refused the API key (401)");
        missing.AssertFailed(ExitCodes.Unauthorized, "needs an API key (401)");
    }

    [Fact]
    public async Task An_unknown_instance_exits_with_the_not_found_code()
    {
        var result = await Cli("instances", "describe", "echo", "no-such-instance");

        result.AssertFailed(ExitCodes.NotFound, "Workflow 'echo' has no instance 'no-such-instance'. (404 Not Found)");
    }

    [Fact]
    public async Task A_request_the_server_refuses_exits_with_the_rejected_code_and_its_detail()
    {
        var result = await Cli("instances", "list", "echo", "--cursor", "not-a-cursor");

        result.AssertFailed(ExitCodes.Rejected, "The cursor is malformed");
    }

    [Fact]
    public async Task The_config_file_at_the_repository_root_gives_url_and_key()
    {
        var root = Directory.CreateTempSubdirectory("cli-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        Directory.CreateDirectory(Path.Combine(root, ".workflows"));
        var config = new JsonObject { ["url"] = stack.Api.BaseAddress!.ToString(), ["apiKey"] = stack.ApiKey };
        var file = Path.Combine(root, ".workflows", "cli.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var nested = Directory.CreateDirectory(Path.Combine(root, "src", "app")).FullName;

        var result = await CliResult.RunAsync(new Dictionary<string, string?>(), nested, "list");

        result.AssertOk();
        Assert.Contains("echo", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_win_over_environment_variables()
    {
        var variables = new Dictionary<string, string?> { ["WORKFLOWS_URL"] = "http://127.0.0.1:1", ["WORKFLOWS_API_KEY"] = "wrong" };

        var result = await CliResult.RunAsync(variables, Path.GetTempPath(), "list", "--url", stack.Api.BaseAddress!.ToString(), "--key", stack.ApiKey);

        result.AssertOk();
    }

    [Fact]
    public async Task Diagram_prints_the_json_of_a_workflows_code_and_writes_mermaid_or_svg_to_a_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"diagram-{Guid.NewGuid():N}.mmd");
        try
        {
            var json = await Cli("diagram", "sleepy");
            var mermaid = await Cli("diagram", "sleepy", "--format", "mermaid", "--out", file);

            json.AssertOk();
            Assert.Equal("sleepy", json.Json["workflow"]!.GetValue<string>());
            Assert.Equal(["before", "sleep", "after"], json.Json["nodes"]!.AsArray().Where(n => n!["name"] is not null).Select(n => n!["name"]!.GetValue<string>()));
            mermaid.AssertOk();
            Assert.Equal($"Wrote {file}", mermaid.Out.Trim());
            Assert.StartsWith("flowchart TD", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Diagram_of_an_unknown_workflow_or_in_an_unknown_format_fails_with_the_apis_reason()
    {
        var unknown = await Cli("diagram", "no-such-workflow");
        var format = await Cli("diagram", "sleepy", "--format", "png");

        unknown.AssertFailed(ExitCodes.NotFound, "no-such-workflow");
        format.AssertFailed(ExitCodes.Rejected, "json, mermaid, svg");
    }

    private static string StepEnded(JsonObject instance, int step) => instance["steps"]![step]!["endedAt"]!.GetValue<string>();

    [GeneratedRegex(@"Next page: --cursor (\S+)")]
    private static partial Regex NextCursor();
}
