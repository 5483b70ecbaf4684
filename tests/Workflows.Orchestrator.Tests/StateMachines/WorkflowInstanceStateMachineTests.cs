using MassTransit.Scheduling;
using Workflows.Contracts;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.Orchestrator.Tests.StateMachines;

/// <summary>
/// The instance saga's transitions on real PostgreSQL and RabbitMQ: each test creates its own instance, reports what an
/// Executor, the Events service, the Scheduler or the Api would, and reads the row and the messages the saga sent.
/// </summary>
public sealed class WorkflowInstanceStateMachineTests(OrchestratorFixture orchestrator) : IClassFixture<OrchestratorFixture>
{
    // The stored state names, defined once (WorkflowInstanceStatesTests holds the state machine to them).
    private const string Running = InstanceStates.Running;
    private const string Waiting = InstanceStates.Waiting;
    private const string WaitingForPause = InstanceStates.WaitingForPause;
    private const string Paused = InstanceStates.Paused;
    private const string Complete = InstanceStates.Complete;
    private const string Errored = InstanceStates.Errored;
    private const string Terminated = InstanceStates.Terminated;

    private ReceivedMessages Received => orchestrator.Received;

    [Fact]
    public async Task A_created_instance_is_running_and_its_first_run_is_dispatched_to_an_executor()
    {
        var id = await orchestrator.CreateAsync("orders", """{"amount":3}""");

        var row = await orchestrator.ReadAsync(id);
        Assert.Equal(Running, row.CurrentState);
        Assert.Equal(1, row.Generation);
        Assert.Equal(1, row.Dispatch);
        var dispatched = Assert.Single(Received.OfType<ExecuteInstance>(), m => m.InstanceId == id);
        Assert.Equal(("orders", 1L, 1L, """{"amount":3}"""), (dispatched.Workflow, dispatched.Generation, dispatched.Dispatch, dispatched.ParamsJson));
        await Received.WaitForAsync<InstanceCreated>(m => m.InstanceId == id);
        await Received.WaitForAsync<InstanceStarted>(m => m.InstanceId == id);
    }

    [Fact]
    public async Task A_bulk_batch_runs_from_the_bulk_queue_and_everything_someone_waits_on_from_the_prompt_queue()
    {
        var (first, second) = ($"sm-{Guid.NewGuid():N}", $"sm-{Guid.NewGuid():N}");

        await orchestrator.RequestCreateAsync(new CreateInstances([new NewInstance("orders", first, null), new NewInstance("orders", second, null)], Bulk: true));

        await Received.WaitForAsync<BulkDispatch>(m => m.Message.InstanceId == first);
        await Received.WaitForAsync<BulkDispatch>(m => m.Message.InstanceId == second);
        Assert.DoesNotContain(Received.OfType<ExecuteInstance>(), m => m.InstanceId == first || m.InstanceId == second);

        // Its wake-up is a run someone waits on: the prompt queue.
        await orchestrator.SendAsync(new ExecutionSuspended(first, 1, DateTimeOffset.UtcNow.AddMinutes(5), [], 1));
        await orchestrator.WaitForStateAsync(first, Waiting);
        await orchestrator.SendPromptAsync(new WakeInstance(first, 1));
        await Received.WaitForAsync<ExecuteInstance>(m => m.InstanceId == first && m.Dispatch == 2);
        Assert.DoesNotContain(Received.OfType<BulkDispatch>(), m => m.Message.InstanceId == first && m.Message.Dispatch == 2);
    }

    [Fact]
    public async Task A_command_is_answered_from_the_prompt_queue_while_outcomes_queue_up_behind_a_backlog()
    {
        var (behind, commanded) = (await orchestrator.CreateAsync(), await orchestrator.CreateAsync());
        // Outcomes of runs the saga does not know (each one still a delivery to take and a row to look up), then one that counts.
        const int Backlog = 3_000;
        foreach (var chunk in Enumerable.Range(0, Backlog).Chunk(500))
            await Task.WhenAll(chunk.Select(i => orchestrator.SendAsync(new ExecutionCompleted($"sm-unknown-{Guid.NewGuid():N}", 1, null))));
        await orchestrator.SendAsync(new ExecutionSuspended(behind, 1, InAnHour(), [], Dispatch: 1));

        var pause = Assert.IsType<InstanceCommandAccepted>(await orchestrator.CommandAsync(new PauseInstance(commanded)));

        Assert.Equal("waitingForPause", pause.Status);
        Assert.Equal(Running, (await orchestrator.ReadAsync(behind)).CurrentState);
        await orchestrator.WaitForStateAsync(behind, Waiting);
    }

    [Fact]
    public async Task An_idle_outbox_relay_publishes_a_lifecycle_event_as_soon_as_its_commit_announces_it()
    {
        // The relay's backstop is an hour here: after a quiet spell only the commit's notification wakes it.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var id = await orchestrator.CreateAsync();
        var before = DateTime.UtcNow;

        await orchestrator.SendAsync(new ExecutionCompleted(id, 1, null));

        await Received.WaitForAsync<InstanceCompleted>(m => m.InstanceId == id);
        Assert.True(DateTime.UtcNow - before < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_completed_run_completes_the_instance_with_its_output()
    {
        var id = await orchestrator.CreateAsync();

        await orchestrator.SendAsync(new ExecutionCompleted(id, 1, """{"ok":true}"""));

        var row = await orchestrator.WaitForStateAsync(id, Complete);
        Assert.Equal("""{"ok":true}""", row.OutputJson);
        Assert.NotNull(row.EndedAt);
        Assert.True(row.RetainUntil > row.EndedAt);
        Assert.Null(row.DispatchDeadline);
        var completed = await Received.WaitForAsync<InstanceCompleted>(m => m.InstanceId == id);
        Assert.Equal("""{"ok":true}""", completed.OutputJson);
    }

    [Fact]
    public async Task A_failed_run_errors_the_instance_with_its_error()
    {
        var id = await orchestrator.CreateAsync();

        await orchestrator.SendAsync(new ExecutionFailed(id, 1, "NonRetryableException", "nope"));

        var row = await orchestrator.WaitForStateAsync(id, Errored);
        Assert.Equal(("NonRetryableException", "nope"), (row.ErrorName, row.ErrorMessage));
        Assert.NotNull(row.EndedAt);
        var errored = await Received.WaitForAsync<InstanceErrored>(m => m.InstanceId == id);
        Assert.Equal(("NonRetryableException", "nope"), (errored.ErrorName, errored.ErrorMessage));
    }

    [Fact]
    public async Task A_run_that_sleeps_waits_with_a_scheduled_wake_up_and_runs_again_when_it_fires()
    {
        var id = await orchestrator.CreateAsync();
        var wakeAt = InAnHour();

        await orchestrator.SendAsync(new ExecutionSuspended(id, 1, wakeAt, [], Dispatch: 1));

        var waiting = await orchestrator.WaitForStateAsync(id, Waiting);
        Assert.Equal(wakeAt, waiting.WakeAt);
        Assert.NotNull(waiting.WakeTokenId);
        var scheduled = await Received.WaitForAsync<ScheduleMessage>(m => m.CorrelationId == waiting.WakeTokenId);
        Assert.Equal(wakeAt.UtcDateTime, scheduled.ScheduledTime.ToUniversalTime());
        // The wake-up goes to the saga's prompt queue, not behind the outcomes on the queue the suspension came in on.
        Assert.EndsWith("/" + QueueNames.WorkflowInstancePrompt, scheduled.Destination.ToString().Replace("queue:", "/", StringComparison.Ordinal), StringComparison.Ordinal);
        await Received.WaitForAsync<InstanceProgress>(m => m.InstanceId == id && m.Status == "waiting");

        // What the Scheduler sends to that queue when the timer fires.
        await orchestrator.SendPromptAsync(new WakeInstance(id, 1));

        var running = await orchestrator.WaitForStateAsync(id, Running);
        Assert.Equal(2, running.Dispatch);
        Assert.Null(running.WakeAt);
        await Received.WaitForAsync<ExecuteInstance>(m => m.InstanceId == id && m.Dispatch == 2);
        await Received.WaitForAsync<InstanceProgress>(m => m.InstanceId == id && m.Status == "running");
    }

    [Fact]
    public async Task A_suspension_whose_wake_time_has_passed_is_dispatched_again_at_once()
    {
        var id = await orchestrator.CreateAsync();

        await orchestrator.SendAsync(new ExecutionSuspended(id, 1, DateTimeOffset.UtcNow.AddSeconds(-1), [], Dispatch: 1));

        await Received.WaitForAsync<ExecuteInstance>(m => m.InstanceId == id && m.Dispatch == 2);
        Assert.Equal(Running, (await orchestrator.ReadAsync(id)).CurrentState);
    }

    [Fact]
    public async Task An_awaited_event_wakes_a_waiting_instance_and_cancels_its_timeout()
    {
        var id = await orchestrator.CreateAsync();
        await orchestrator.SendAsync(new ExecutionSuspended(id, 1, InAnHour(), ["approval"], Dispatch: 1));
        var waiting = await orchestrator.WaitForStateAsync(id, Waiting);
        Assert.Equal(["approval"], waiting.AwaitedEventTypes);

        await orchestrator.SendAsync(new EventAvailable(id, "approval"));

        var running = await orchestrator.WaitForStateAsync(id, Running);
        Assert.Empty(running.AwaitedEventTypes);
        await Received.WaitForAsync<ExecuteInstance>(m => m.InstanceId == id && m.Dispatch == 2);
        await Received.WaitForAsync<CancelScheduledMessage>(m => m.TokenId == waiting.WakeTokenId);
    }

    [Fact]
    public async Task An_event_nobody_waits_for_leaves_the_instance_waiting()
    {
        var id = await orchestrator.CreateAsync();
        var wakeAt = InAnHour();
        await orchestrator.SendAsync(new ExecutionSuspended(id, 1, wakeAt, ["approval"], Dispatch: 1));
        await orchestrator.WaitForStateAsync(id, Waiting);

        await orchestrator.SendAsync(new EventAvailable(id, "shipment"));
        // One instance's messages are handled in order: once this pause has paused it, the event before it was handled.
        Assert.IsType<InstanceCommandAccepted>(await orchestrator.CommandAsync(new PauseInstance(id)));

        var paused = await orchestrator.ReadAsync(id);
        Assert.Equal(Paused, paused.CurrentState);
        Assert.Equal(1, paused.Dispatch);
        Assert.DoesNotContain(Received.OfType<ExecuteInstance>(), m => m.InstanceId == id && m.Dispatch == 2);
    }

    [Fact]
    public async Task An_event_that_arrives_while_the_run_is_in_flight_dispatches_it_again_when_it_suspends()
    {
        var id = await orchestrator.CreateAsync();

        // The run may have looked at its inbox before the event was stored.
        await orchestrator.SendAsync(new EventAvailable(id, "approval"));
        await orchestrator.SendAsync(new ExecutionSuspended(id, 1, null, ["approval"], Dispatch: 1));

        await Received.WaitForAsync<ExecuteInstance>(m => m.InstanceId == id && m.Dispatch == 2);
        var row = await orchestrator.ReadAsync(id);
        Assert.Equal(Running, row.CurrentState);
        Assert.False(row.EventPending);
    }

    [Fact]
    public async Task Pause_while_waiting_pauses_at_once_and_resume_dispatches_the_instance_again()
    {
        var id = await orchestrator.CreateAsync();
        await orchestrator.SendAsync(new ExecutionSuspended(id, 1, InAnHour(), [], Dispatch: 1));
        var waiting = await orchestrator.WaitForStateAsync(id, Waiting);

        var pause = Assert.IsType<InstanceCommandAccepted>(await orchestrator.CommandAsync(new PauseInstance(id)));

        Assert.Equal("paused", pause.Status);
        Assert.Equal(Paused, (await orchestrator.ReadAsync(id)).CurrentState);
        await Received.WaitForAsync<InstancePaused>(m => m.InstanceId == id);
        await Received.WaitForAsync<CancelScheduledMessage>(m => m.TokenId == waiting.WakeTokenId);

        var resume = Assert.IsType<InstanceCommandAccepted>(await orchestrator.CommandAsync(new ResumeInstance(id)));

        Assert.Equal("running", resume.Status);
        Assert.Equal(Running, (await orchestrator.ReadAsync(id)).CurrentState);
        await Received.WaitForAsync<ExecuteInstance>(m => m.InstanceId == id && m.Dispatch == 2);
        await Received.WaitForAsync<InstanceResumed>(m => m.InstanceId == id);
    }

    [Fact]
    public async Task Pause_while_running_holds_until_the_run_stops_at_a_step_boundary()
    {
        var id = await orchestrator.CreateAsync();

        var pause = Assert.IsType<InstanceCommandAccepted>(await orchestrator.CommandAsync(new PauseInstance(id)));

        Assert.Equal("waitingForPause", pause.Status);
        Assert.Equal(WaitingForPause, (await orchestrator.ReadAsync(id)).CurrentState);
        // The Executor running the instance hears this and stops at its next step boundary.
        await Received.WaitForAsync<InstancePauseRequested>(m => m.InstanceId == id && m.Generation == 1);

        await orchestrator.SendAsync(new ExecutionPaused(id, 1, Dispatch: 1));

        await orchestrator.WaitForStateAsync(id, Paused);
        await Received.WaitForAsync<InstancePaused>(m => m.InstanceId == id);
    }

    [Fact]
    public async Task A_run_that_completes_after_a_pause_was_asked_for_completes_the_instance()
    {
        var id = await orchestrator.CreateAsync();
        Assert.IsType<InstanceCommandAccepted>(await orchestrator.CommandAsync(new PauseInstance(id)));

        await orchestrator.SendAsync(new ExecutionCompleted(id, 1, "42"));

        Assert.Equal("42", (await orchestrator.WaitForStateAsync(id, Complete)).OutputJson);
    }

    [Fact]
    public async Task Resume_of_an_instance_that_is_not_paused_is_rejected_with_its_status()
    {
        var id = await orchestrator.CreateAsync();

        var rejected = Assert.IsType<InstanceCommandRejected>(await orchestrator.CommandAsync(new ResumeInstance(id)));

        Assert.Equal("running", rejected.Status);
        Assert.Equal("the instance is running, not paused", rejected.Reason);
    }

    [Fact]
    public async Task Terminate_ends_a_waiting_instance_for_good_and_a_second_terminate_is_rejected()
    {
        var id = await orchestrator.CreateAsync();
        await orchestrator.SendAsync(new ExecutionSuspended(id, 1, InAnHour(), [], Dispatch: 1));
        var waiting = await orchestrator.WaitForStateAsync(id, Waiting);

        var terminate = Assert.IsType<InstanceCommandAccepted>(await orchestrator.CommandAsync(new TerminateInstance(id)));

        Assert.Equal("terminated", terminate.Status);
        var row = await orchestrator.ReadAsync(id);
        Assert.Equal(Terminated, row.CurrentState);
        Assert.NotNull(row.EndedAt);
        await Received.WaitForAsync<InstanceTerminated>(m => m.InstanceId == id);
        await Received.WaitForAsync<CancelScheduledMessage>(m => m.TokenId == waiting.WakeTokenId);

        // A timer that fired anyway changes nothing.
        await orchestrator.SendPromptAsync(new WakeInstance(id, 1));
        var again = Assert.IsType<InstanceCommandRejected>(await orchestrator.CommandAsync(new TerminateInstance(id)));
        Assert.Equal(("terminated", "the instance has finished"), (again.Status, again.Reason));
        Assert.Equal(Terminated, (await orchestrator.ReadAsync(id)).CurrentState);
        Assert.DoesNotContain(Received.OfType<ExecuteInstance>(), m => m.InstanceId == id && m.Dispatch > 1);
    }

    [Fact]
    public async Task Terminate_with_rollback_dispatches_a_rollback_run_and_ends_terminated_with_its_outcome()
    {
        var id = await orchestrator.CreateAsync();
        await orchestrator.SendAsync(new ExecutionSuspended(id, 1, InAnHour(), [], Dispatch: 1));
        await orchestrator.WaitForStateAsync(id, Waiting);

        var terminate = Assert.IsType<InstanceCommandAccepted>(await orchestrator.CommandAsync(new TerminateInstance(id, Rollback: true)));

        Assert.Equal("terminated", terminate.Status);
        var rollbackRun = await Received.WaitForAsync<ExecuteInstance>(m => m.InstanceId == id && m.Rollback);
        Assert.Equal(2, rollbackRun.Dispatch);
        await Received.WaitForAsync<InstanceTerminated>(m => m.InstanceId == id);
        var rolling = await orchestrator.ReadAsync(id);
        Assert.Equal((Running, true), (rolling.CurrentState, rolling.RollingBack));
        // The cancelled run's late completion does not end an instance that is rolling back.
        await orchestrator.SendAsync(new ExecutionCompleted(id, 1, "1"));
        await orchestrator.SendAsync(new ExecutionRolledBack(id, 1, RollbackOutcomes.Failed, "NonRetryableException", "cannot refund", Dispatch: 2));

        var row = await orchestrator.WaitForStateAsync(id, Terminated);
        Assert.Null(row.OutputJson);
        Assert.Equal((RollbackOutcomes.Failed, "NonRetryableException", "cannot refund"), (row.RollbackOutcome, row.RollbackErrorName, row.RollbackErrorMessage));
    }

    [Fact]
    public async Task A_failed_run_keeps_how_its_rollbacks_went()
    {
        var id = await orchestrator.CreateAsync();

        await orchestrator.SendAsync(new ExecutionFailed(id, 1, "NonRetryableException", "s3 failed", RollbackOutcomes.Complete));

        var row = await orchestrator.WaitForStateAsync(id, Errored);
        Assert.Equal((RollbackOutcomes.Complete, null), (row.RollbackOutcome, row.RollbackErrorName));
    }

    [Fact]
    public async Task Restart_runs_a_finished_instance_again_as_its_next_generation()
    {
        var id = await orchestrator.CreateAsync(paramsJson: """{"n":1}""");
        await orchestrator.SendAsync(new ExecutionFailed(id, 1, "InvalidOperationException", "boom"));
        await orchestrator.WaitForStateAsync(id, Errored);

        var restart = Assert.IsType<InstanceCommandAccepted>(await orchestrator.CommandAsync(new RestartInstance(id, null, null)));

        Assert.Equal("running", restart.Status);
        var row = await orchestrator.ReadAsync(id);
        Assert.Equal((Running, 2L), (row.CurrentState, row.Generation));
        Assert.Null(row.ErrorName);
        Assert.Null(row.EndedAt);
        var dispatched = await Received.WaitForAsync<ExecuteInstance>(m => m.InstanceId == id && m.Generation == 2);
        Assert.Equal("""{"n":1}""", dispatched.ParamsJson);
        await Received.WaitForAsync<InstanceRestarted>(m => m.InstanceId == id && m.Generation == 2);
    }

    [Fact]
    public async Task An_outcome_of_the_generation_before_a_restart_is_ignored()
    {
        var id = await orchestrator.CreateAsync();
        Assert.IsType<InstanceCommandAccepted>(await orchestrator.CommandAsync(new RestartInstance(id, null, null)));

        // The run of generation 1 reports late, then generation 2's run completes.
        await orchestrator.SendAsync(new ExecutionCompleted(id, 1, "\"old\""));
        await orchestrator.SendAsync(new ExecutionCompleted(id, 2, "\"new\""));

        var row = await orchestrator.WaitForStateAsync(id, Complete);
        Assert.Equal((2L, "\"new\""), (row.Generation, row.OutputJson));
        var completed = await Received.WaitForAsync<InstanceCompleted>(m => m.InstanceId == id);
        Assert.Equal(2, completed.Generation);
        Assert.Single(Received.OfType<InstanceCompleted>(), m => m.InstanceId == id);
    }

    [Fact]
    public async Task A_suspension_reported_by_a_superseded_dispatch_is_ignored()
    {
        var id = await orchestrator.CreateAsync();
        // Dispatch 1 stays silent past its deadline: the reconciler's RedispatchInstance makes dispatch 2.
        await Task.Delay(OrchestratorFixture.RunDeadline + TimeSpan.FromMilliseconds(200));
        await orchestrator.SendPromptAsync(new RedispatchInstance(id, 1));
        await Received.WaitForAsync<ExecuteInstance>(m => m.InstanceId == id && m.Dispatch == 2);
        var staleWake = InAnHour();
        var currentWake = staleWake.AddHours(1);

        await orchestrator.SendAsync(new ExecutionSuspended(id, 1, staleWake, [], Dispatch: 1));
        await orchestrator.SendAsync(new ExecutionSuspended(id, 1, currentWake, [], Dispatch: 2));

        var row = await orchestrator.WaitForStateAsync(id, Waiting);
        Assert.Equal(currentWake, row.WakeAt);
    }

    [Fact]
    public async Task A_redispatch_before_the_deadline_is_ignored()
    {
        var id = await orchestrator.CreateAsync();

        await orchestrator.SendPromptAsync(new RedispatchInstance(id, 1));
        await orchestrator.SendAsync(new ExecutionCompleted(id, 1, null));

        var row = await orchestrator.WaitForStateAsync(id, Complete);
        Assert.Equal(1, row.Dispatch);
        Assert.DoesNotContain(Received.OfType<ExecuteInstance>(), m => m.InstanceId == id && m.Dispatch == 2);
    }

    [Fact]
    public async Task Restart_from_a_step_the_history_does_not_hold_is_rejected()
    {
        var id = await orchestrator.CreateAsync();

        var rejected = Assert.IsType<InstanceCommandRejected>(await orchestrator.CommandAsync(new RestartInstance(id, "charge", null)));

        Assert.Equal("running", rejected.Status);
        Assert.Equal("no step 'charge' (occurrence 1) in the instance's history", rejected.Reason);
        Assert.Equal(1, (await orchestrator.ReadAsync(id)).Generation);
    }

    [Fact]
    public async Task A_command_for_an_unknown_instance_is_rejected()
    {
        var rejected = Assert.IsType<InstanceCommandRejected>(await orchestrator.CommandAsync(new PauseInstance("no-such-instance")));

        Assert.Equal(("unknown", "no instance has this id"), (rejected.Status, rejected.Reason));
    }

    /// <summary>An hour from now in whole seconds, so it reads back from PostgreSQL unchanged.</summary>
    private static DateTimeOffset InAnHour()
    {
        var now = DateTimeOffset.UtcNow.AddHours(1);
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
