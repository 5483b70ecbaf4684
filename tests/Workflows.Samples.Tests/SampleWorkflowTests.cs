using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Runtime;
using Workflows.Sdk;
using Workflows.TestKit;

namespace Workflows.Samples.Tests;

public class SampleWorkflowTests
{
    [Fact]
    public async Task Echo_returns_its_params_as_json()
    {
        await using var env = new WorkflowTestEnvironment();

        var echo = await env.StartAsync<EchoWorkflow>(new { hello = "world", n = new[] { 1, 2 } });

        Assert.Equal("{\"hello\":\"world\",\"n\":[1,2]}", echo.OutputJson);
    }

    [Fact]
    public async Task Sleepy_runs_before_sleeps_and_runs_after()
    {
        await using var env = new WorkflowTestEnvironment();
        var started = env.Now;

        var sleepy = await env.StartAsync<SleepyWorkflow>(new { seconds = 30 });

        Assert.Equal("{\"before\":1,\"after\":2}", sleepy.OutputJson);
        Assert.Equal(started.AddSeconds(30), env.Now);
        Assert.Equal(["before", "sleep", "after"], sleepy.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task Approval_outputs_the_event_payload()
    {
        await using var env = new WorkflowTestEnvironment();
        var approval = await env.StartAsync<ApprovalWorkflow>(new { timeout = "10 minutes" });

        await approval.SendEventAsync("approval", new { approved = true, by = "ann" });

        Assert.Equal("{\"approved\":true,\"by\":\"ann\"}", approval.OutputJson);
    }

    [Fact]
    public async Task Signoff_outputs_who_approved_and_why()
    {
        await using var env = new WorkflowTestEnvironment();
        var signoff = await env.StartAsync<SignoffWorkflow>(new { timeout = "10 minutes" });

        await signoff.ApproveAsync(by: "ann", reason: "looks good");

        Assert.Equal("{\"approvedBy\":\"ann\",\"reason\":\"looks good\",\"metadata\":null}", signoff.OutputJson);
    }

    [Fact]
    public async Task Signoff_fails_at_once_with_workflow_rejected_when_rejected()
    {
        await using var env = new WorkflowTestEnvironment();
        var signoff = await env.StartAsync<SignoffWorkflow>(new { timeout = "10 minutes" });

        await signoff.RejectAsync(by: "bo", reason: "too expensive");

        Assert.Equal(InstanceStatus.Errored, signoff.Status);
        Assert.Equal((nameof(WorkflowRejectedException), "Rejected by bo: too expensive"), (signoff.Error!.Name, signoff.Error.Message));
    }

    [Fact]
    public async Task Approval_outputs_timed_out_when_no_event_arrives_in_time()
    {
        await using var env = new WorkflowTestEnvironment();
        var approval = await env.StartAsync<ApprovalWorkflow>(new { timeout = "10 minutes" });

        await approval.AdvanceTimeAsync("10 minutes");

        Assert.Equal("{\"timedOut\":true}", approval.OutputJson);
    }

    [Theory]
    [InlineData(0, 3, 1)]
    [InlineData(2, 3, 3)]
    [InlineData(3, 3, 4)]
    public async Task Flaky_succeeds_after_its_failures_when_within_the_limit(int failures, int limit, int expectedAttempts)
    {
        await using var env = new WorkflowTestEnvironment();
        var started = env.Now;

        var flaky = await env.StartAsync<FlakyWorkflow>(new { failures, limit });

        Assert.Equal($"{{\"attempts\":{expectedAttempts}}}", flaky.OutputJson);
        Assert.Equal(started.AddMilliseconds(100 * failures), env.Now);
    }

    [Fact]
    public async Task Flaky_errors_when_failures_exceed_the_limit()
    {
        await using var env = new WorkflowTestEnvironment();

        var flaky = await env.StartAsync<FlakyWorkflow>(new { failures = 4, limit = 3 });

        Assert.Equal(InstanceStatus.Errored, flaky.Status);
        Assert.Equal("InvalidOperationException", flaky.Error!.Name);
        Assert.Equal(4, flaky.Step("flaky").Attempts);
    }

    [Fact]
    public async Task Fanout_sums_the_concurrent_items()
    {
        await using var env = new WorkflowTestEnvironment();

        var fanout = await env.StartAsync<FanoutWorkflow>(new { n = 10 });

        Assert.Equal("55", fanout.OutputJson);
        Assert.Equal(10, fanout.Steps.Count(s => s.Name == "item"));
        Assert.Equal("7", fanout.Step("item", 7).ResultJson);
    }

    [Fact]
    public async Task Long_runs_its_steps_in_sequence_and_outputs_their_count()
    {
        await using var env = new WorkflowTestEnvironment();

        var run = await env.StartAsync<LongWorkflow>(new { steps = 200 });

        Assert.Equal("200", run.OutputJson);
        Assert.Equal(200, run.Steps.Count);
    }

    [Fact]
    public async Task Nonretryable_errors_with_nope_after_one_attempt()
    {
        await using var env = new WorkflowTestEnvironment();

        var run = await env.StartAsync<NonRetryableWorkflow>();

        Assert.Equal(new WorkflowError("NonRetryableException", "nope"), run.Error);
        Assert.Equal(1, run.Step("fail").Attempts);
    }

    [Fact]
    public async Task Slow_runs_its_steps_in_order_and_returns_their_count()
    {
        await using var env = new WorkflowTestEnvironment();

        var slow = await env.StartAsync<SlowWorkflow>(new { steps = 3, stepMilliseconds = 1 });

        Assert.Equal("3", slow.OutputJson);
        Assert.Equal([1, 2, 3], slow.Steps.Select(s => s.Occurrence));
        Assert.All(slow.Steps, s => Assert.Equal("slow", s.Name));
    }

    [Fact]
    public async Task Order_reserves_sleeps_waits_retries_the_charge_and_ships_naming_each_recorded_execution()
    {
        await using var env = new WorkflowTestEnvironment(s => s.AddSingleton<SideEffectLedger>());
        var order = await env.StartAsync<OrderWorkflow>(new { sleepSeconds = 5, waitForApproval = true, chargeFailures = 2 }, "order-1");

        await order.AdvanceTimeAsync("5 seconds");
        Assert.Equal(["approval"], order.AwaitedEventTypes);
        await order.SendEventAsync("approval", new { by = "ann" });

        var output = order.Output!.Value;
        Assert.Equal("ann", output.GetProperty("approvedBy").GetString());
        Assert.Equal(3, order.Step("charge").Attempts);
        foreach (var step in new[] { "reserve", "charge", "ship" })
            Assert.Equal(order.Step(step).ResultJson, $"\"{output.GetProperty(step).GetGuid()}\"");
    }

    [Fact]
    public async Task Report_writes_a_step_per_section_and_renders_them_in_a_helper()
    {
        await using var env = new WorkflowTestEnvironment();

        var report = await env.StartAsync<ReportWorkflow>(new { sections = new[] { "intro", "end" }, format = "html" });

        var output = JsonDocument.Parse(report.OutputJson!).RootElement;
        Assert.Equal(2, output.GetProperty("sections").GetInt32());
        Assert.Equal("<p>INTRO</p><p>END</p>", output.GetProperty("document").GetString());
        Assert.Equal(["section-intro", "section-end", "render-html"], report.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task Diamond_outputs_d_5_and_a_ran_once()
    {
        await using var env = new WorkflowTestEnvironment(s => s.AddSingleton<SideEffectLedger>());

        var diamond = await env.StartAsync<DiamondWorkflow>();

        Assert.Equal("""{"d":5,"aRuns":1}""", diamond.OutputJson);
        Assert.Equal(["a", "b", "c", "d"], diamond.Steps.Select(s => s.Name).Order());
    }

    [Fact]
    public async Task Parent_sums_its_children_and_fails_with_the_failing_childs_error()
    {
        await using var env = new WorkflowTestEnvironment().AddWorkflow<ChildWorkflow>();

        var parent = await env.StartAsync<ParentWorkflow>(new { children = 4 });
        var failing = await env.StartAsync<ParentWorkflow>(new { children = 3, failAt = 2 });

        Assert.Equal("20", parent.OutputJson);
        Assert.Equal(InstanceStatus.Errored, failing.Status);
        Assert.Equal(new WorkflowError("NonRetryableException", "child failed"), failing.Error);
    }

    [Fact]
    public async Task Rollback_undoes_the_steps_before_the_failing_one_latest_first()
    {
        await using var env = new WorkflowTestEnvironment(s => s.AddSingleton<SideEffectLedger>());

        var run = await env.StartAsync<RollbackWorkflow>(new { failAt = 3 });

        Assert.Equal(InstanceStatus.Errored, run.Status);
        Assert.Equal(new RollbackResult(true), run.Rollback);
        Assert.Equal(["s2", "s1"], run.Steps.Where(s => s.Kind == StepKind.Rollback).OrderBy(s => s.Sequence).Select(s => s.Name));
    }

    [Fact]
    public void AddSampleWorkflows_registers_every_conformance_workflow_by_name()
    {
        var services = new ServiceCollection();
        services.AddWorkflowRuntime().AddSampleWorkflows();
        using var provider = services.BuildServiceProvider();

        var names = provider.GetRequiredService<WorkflowRegistry>().All.Select(r => r.Name).Order();

        Assert.Equal(["approval", "child", "diamond", "echo", "fanout", "flaky", "issue-triage", "limited", "long", "nonretryable", "order", "parent", "progress", "report", "rollback", "scheduled", "signoff", "sleepy", "slow"], names);
    }
}
