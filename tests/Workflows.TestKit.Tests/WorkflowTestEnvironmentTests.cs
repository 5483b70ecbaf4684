using Microsoft.Extensions.DependencyInjection;
using Workflows.Runtime;
using Workflows.Sdk;

namespace Workflows.TestKit.Tests;

public class WorkflowTestEnvironmentTests
{
    private readonly FakePayments payments = new();

    private WorkflowTestEnvironment NewEnvironment() =>
        new(services => services.AddSingleton<IPayments>(payments));

    [Fact]
    public async Task Sleeps_pass_instantly_and_the_instance_stops_to_wait_for_an_event()
    {
        await using var env = NewEnvironment();

        var order = await env.StartAsync<OrderWorkflow>(new OrderParams("o-1", 10m));

        Assert.Equal(InstanceStatus.Waiting, order.Status);
        Assert.Equal(["approval"], order.AwaitedEventTypes);
        Assert.Equal(env.Time.GetUtcNow().AddHours(24), order.WakeAt);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 1, 0, 0, TimeSpan.Zero), env.Now);
        Assert.Equal(StepStatus.Complete, order.Step("cool-off").Status);
    }

    [Fact]
    public async Task Sending_the_awaited_event_completes_the_instance()
    {
        await using var env = NewEnvironment();
        var order = await env.StartAsync<OrderWorkflow>(new OrderParams("o-1", 10m));

        await order.SendEventAsync("approval", new Approval(true, "ann"));

        Assert.Equal(InstanceStatus.Complete, order.Status);
        Assert.Equal("{\"id\":\"ch_o-1\",\"approvedBy\":\"ann\"}", order.OutputJson);
        Assert.Equal("ann", order.Output!.Value.GetProperty("approvedBy").GetString());
        Assert.Equal(1, payments.Calls);
    }

    [Fact]
    public async Task An_event_sent_before_the_wait_is_reached_is_buffered()
    {
        await using var env = NewEnvironment();
        env.MockStep("charge card", new Charge("ch_mock"));
        var order = await env.StartAsync<OrderWorkflow>(new OrderParams("o-2", 1m), instanceId: "early");

        await order.SendEventAsync("approval", new Approval(false, "bob"));

        Assert.Equal(InstanceStatus.Errored, order.Status);
        Assert.Equal(new WorkflowError("NonRetryableException", "rejected by bob"), order.Error);
    }

    [Fact]
    public async Task A_mocked_step_returns_the_mock_and_the_real_body_does_not_run()
    {
        await using var env = NewEnvironment();
        env.MockStep("charge card", new { id = "ch_mocked" });

        var order = await env.StartAsync<OrderWorkflow>(new OrderParams("o-3", 5m));
        await order.SendEventAsync("approval", new Approval(true, "ann"));

        Assert.Equal(0, payments.Calls);
        Assert.Equal(1, env.MockCalls("charge card"));
        Assert.Equal("ch_mocked", order.Output!.Value.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Retry_backoffs_pass_instantly_and_attempts_show_in_the_step_history()
    {
        payments.Declines = 2;
        await using var env = NewEnvironment();

        var order = await env.StartAsync<OrderWorkflow>(new OrderParams("o-4", 5m));

        var charge = order.Step("charge card");
        Assert.Equal((StepKind.Do, StepStatus.Complete, 3), (charge.Kind, charge.Status, charge.Attempts));
        // 5 s + 10 s of backoff, then the 1-hour cool-off.
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 1, 0, 15, TimeSpan.Zero), env.Now);
    }

    [Fact]
    public async Task A_mocked_failure_exhausts_the_retries_and_fails_the_instance()
    {
        await using var env = NewEnvironment();
        env.MockStepFailure("charge card", new InvalidOperationException("gateway down"));

        var order = await env.StartAsync<OrderWorkflow>(new OrderParams("o-5", 5m));

        Assert.Equal(InstanceStatus.Errored, order.Status);
        Assert.Equal(new WorkflowError("InvalidOperationException", "gateway down"), order.Error);
        Assert.Equal(4, order.Step("charge card").Attempts);
        Assert.Equal(4, env.MockCalls("charge card"));
    }

    [Fact]
    public async Task Advancing_time_past_the_deadline_times_the_wait_out()
    {
        await using var env = NewEnvironment();
        var order = await env.StartAsync<OrderWorkflow>(new OrderParams("o-6", 5m));

        await order.AdvanceTimeAsync("23 hours");
        var stillWaiting = order.Status;
        await order.AdvanceTimeAsync("1 hour");

        Assert.Equal(InstanceStatus.Waiting, stillWaiting);
        Assert.Equal(InstanceStatus.Errored, order.Status);
        Assert.Equal("WorkflowTimeoutException", order.Error!.Name);
        Assert.Equal(StepStatus.TimedOut, order.Step("manager approval").Status);
    }

    [Fact]
    public async Task Execute_runs_to_the_end_and_returns_the_typed_output()
    {
        await using var env = new WorkflowTestEnvironment();

        var result = await env.ExecuteAsync<CountdownWorkflow, int[]>(3);

        Assert.Equal([3, 2, 1], result);
    }

    [Fact]
    public async Task Execute_throws_with_the_error_when_the_instance_fails()
    {
        await using var env = NewEnvironment();

        var error = await Assert.ThrowsAsync<WorkflowFailedException>(() => env.ExecuteAsync<OrderWorkflow, object>(new OrderParams("o-7", 1m)));

        Assert.Equal(InstanceStatus.Errored, error.Status);
        Assert.Equal("WorkflowTimeoutException", error.Error!.Name);
    }

    [Fact]
    public async Task Steps_list_names_kinds_statuses_and_attempts_in_order()
    {
        await using var env = NewEnvironment();
        var order = await env.StartAsync<OrderWorkflow>(new OrderParams("o-8", 5m));
        await order.SendEventAsync("approval", new Approval(true, "ann"));

        var steps = order.Steps.Select(s => (s.Name, s.Kind, s.Status, s.Attempts));

        Assert.Equal(
            [
                ("charge card", StepKind.Do, StepStatus.Complete, 1),
                ("cool-off", StepKind.Sleep, StepStatus.Complete, 0),
                ("manager approval", StepKind.WaitForEvent, StepStatus.Complete, 0),
                ("email", StepKind.Do, StepStatus.Complete, 1),
            ],
            steps);
    }

    [Fact]
    public async Task Pause_holds_the_instance_until_resume()
    {
        await using var env = NewEnvironment();
        var order = await env.StartAsync<OrderWorkflow>(new OrderParams("o-9", 5m));

        await order.PauseAsync();
        await order.SendEventAsync("approval", new Approval(true, "ann"));
        var whilePaused = order.Status;
        await order.ResumeAsync();

        Assert.Equal(InstanceStatus.Paused, whilePaused);
        Assert.Equal(InstanceStatus.Complete, order.Status);
    }

    [Fact]
    public async Task Restart_from_a_step_reruns_it_with_the_same_params()
    {
        await using var env = NewEnvironment();
        var order = await env.StartAsync<OrderWorkflow>(new OrderParams("o-10", 5m));
        await order.SendEventAsync("approval", new Approval(true, "ann"));

        await order.RestartAsync(fromStep: "manager approval");
        await order.SendEventAsync("approval", new Approval(true, "cy"));

        Assert.Equal(1, payments.Calls);
        Assert.Equal("cy", order.GetOutput<Receipt>().ApprovedBy);
    }

    [Fact]
    public async Task Terminate_ends_the_instance_for_good()
    {
        await using var env = NewEnvironment();
        var order = await env.StartAsync<OrderWorkflow>(new OrderParams("o-11", 5m));

        await order.TerminateAsync();
        await order.SendEventAsync("approval", new Approval(true, "ann"));

        Assert.Equal(InstanceStatus.Terminated, order.Status);
        Assert.Throws<InvalidOperationException>(() => order.GetOutput<Receipt>());
    }

    [Fact]
    public async Task Event_payload_over_the_limit_is_rejected()
    {
        await using var env = new WorkflowTestEnvironment(s => s.AddSingleton<IPayments>(payments), o => o.MaxEventPayloadBytes = 16);
        var order = await env.StartAsync<OrderWorkflow>(new OrderParams("o-12", 5m));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => order.SendEventAsync("approval", new Approval(true, "a very long name")));

        Assert.Contains("limit is 16 bytes", error.Message, StringComparison.Ordinal);
    }

    public sealed record Receipt(string Id, string ApprovedBy);

    public sealed class CountdownWorkflow : WorkflowEntrypoint<int>
    {
        public override async Task<object?> RunAsync(WorkflowEvent<int> evt, IWorkflowStep step, CancellationToken ct)
        {
            var seen = new List<int>();
            for (var i = evt.Payload; i > 0; i--)
            {
                var n = i;
                seen.Add(await step.Do("tick", _ => Task.FromResult(n)));
                await step.Sleep("wait", "1 day");
            }
            return seen;
        }
    }
}
