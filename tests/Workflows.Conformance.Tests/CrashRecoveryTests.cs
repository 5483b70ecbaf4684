using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using RabbitMQ.Client;
using Workflows.Contracts;
using Workflows.Testing;

namespace Workflows.Conformance.Tests;

public sealed partial class CrashRecoveryTests(FastRecoveryStack stack) : IClassFixture<FastRecoveryStack>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_executor_killed_in_the_middle_of_a_step_reruns_only_that_step()
    {
        var id = await stack.CreateAsync("slow", new { steps = 3, stepMilliseconds = 2500 });
        await WaitForLogAsync("Workflows.Executor", $"slow step 2 of {id} started");

        stack.Kill("Workflows.Executor");
        await stack.StartAsync("Workflows.Executor");

        var instance = await stack.WaitForStatusAsync("slow", id, Timeout, "complete");
        Assert.Equal(3, instance["output"]!.GetValue<int>());
        var log = stack.OutputOf("Workflows.Executor");
        Assert.Equal(1, Count(log, $"slow step 1 of {id} ran"));
        Assert.Equal(2, Count(log, $"slow step 2 of {id} started"));
        Assert.Equal(1, Count(log, $"slow step 2 of {id} ran"));
        Assert.Equal(1, Count(log, $"slow step 3 of {id} ran"));
    }

    [Fact]
    public async Task An_executor_stopped_gracefully_finishes_its_step_and_another_run_continues_without_repeating_it()
    {
        var id = await stack.CreateAsync("slow", new { steps = 3, stepMilliseconds = 2000 });
        await WaitForLogAsync("Workflows.Executor", $"slow step 2 of {id} started");

        await stack.StopGracefullyAsync("Workflows.Executor");
        Assert.Equal(1, Count(stack.OutputOf("Workflows.Executor"), $"slow step 2 of {id} ran"));
        await stack.StartAsync("Workflows.Executor");

        var instance = await stack.WaitForStatusAsync("slow", id, Timeout, "complete");
        Assert.Equal(3, instance["output"]!.GetValue<int>());
        var log = stack.OutputOf("Workflows.Executor");
        for (var step = 1; step <= 3; step++)
        {
            Assert.Equal(1, Count(log, $"slow step {step} of {id} started"));
            Assert.Equal(1, Count(log, $"slow step {step} of {id} ran"));
        }
    }

    [Fact]
    public async Task The_same_ExecuteInstance_delivered_twice_at_once_runs_each_step_once()
    {
        var id = $"dup-run-{Guid.NewGuid():N}";
        var factory = new ConnectionFactory { Uri = new Uri(stack.Infrastructure.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        var created = await stack.CreateAsync("slow", new { steps = 2, stepMilliseconds = 1500 }, id);
        // A second delivery of the run the Orchestrator just dispatched, as a redelivery or a reconciler would cause.
        await SendExecuteInstanceAsync(channel, created, """{"steps":2,"stepMilliseconds":1500}""");
        await SendExecuteInstanceAsync(channel, created, """{"steps":2,"stepMilliseconds":1500}""");

        await stack.WaitForStatusAsync("slow", id, Timeout, "complete");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var log = stack.OutputOf("Workflows.Executor");
        Assert.Equal(1, Count(log, $"slow step 1 of {id} started"));
        Assert.Equal(1, Count(log, $"slow step 2 of {id} started"));
    }

    [Fact]
    public async Task A_suspension_reported_by_a_superseded_run_does_not_undo_the_newer_run()
    {
        var id = $"stale-run-{Guid.NewGuid():N}";
        var factory = new ConnectionFactory { Uri = new Uri(stack.Infrastructure.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        stack.Kill("Workflows.Executor");
        try
        {
            // With no Executor, the run dispatched at creation never reports; past its deadline it is dispatched again.
            await stack.CreateAsync("approval", new { timeout = "1 hour" }, id);
            Assert.Equal(HttpStatusCode.Accepted, await stack.SendEventAsync("approval", id, "approval", new { approved = true, by = id }, $"approve-{id}"));
            await WaitForDispatchAsync(id, 2);

            // The first run's report arrives late: it saw no event yet and waits for one. The event is already in the
            // inbox, so only a run can finish the instance; a saga that believed this report would wait an hour.
            await SendAsync(channel, QueueNames.WorkflowInstance, "ExecutionSuspended", new
            {
                instanceId = id,
                generation = 1,
                wakeAt = DateTimeOffset.UtcNow.AddHours(1),
                awaitedEventTypes = new[] { "approval" },
                dispatch = 1,
            });
            await stack.StartAsync("Workflows.Executor");

            var instance = await stack.WaitForStatusAsync("approval", id, Timeout, "complete");
            Assert.Equal(id, instance["output"]!["by"]!.GetValue<string>());
        }
        finally
        {
            await stack.EnsureRunningAsync("Workflows.Executor");
        }
    }

    [Fact]
    public async Task A_sleep_spans_a_scheduler_kill_and_completes_once_it_is_back()
    {
        var id = await stack.CreateAsync("sleepy", new { seconds = 3 });
        await stack.WaitForStatusAsync("sleepy", id, Timeout, "waiting");

        stack.Kill("Workflows.Scheduler");
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal("waiting", (await stack.GetAsync("sleepy", id))["status"]!.GetValue<string>());
        await stack.StartAsync("Workflows.Scheduler");

        var instance = await stack.WaitForStatusAsync("sleepy", id, Timeout, "complete");
        Assert.Equal(2, instance["output"]!["after"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_sleep_whose_schedule_message_was_lost_wakes_after_the_grace()
    {
        stack.Kill("Workflows.Scheduler");
        try
        {
            var id = await stack.CreateAsync("sleepy", new { seconds = 1 });
            await stack.WaitForStatusAsync("sleepy", id, Timeout, "waiting");
            // The ScheduleMessage waits in the scheduler queue for the dead Scheduler: lose it, as an Orchestrator killed
            // between its commit and its send would.
            var factory = new ConnectionFactory { Uri = new Uri(stack.Infrastructure.RabbitMqUri) };
            await using var connection = await factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            // The saga sends it just after committing `waiting`: wait until it is in the queue.
            var deadline = DateTime.UtcNow + Timeout;
            while (await channel.MessageCountAsync(QueueNames.Scheduler) == 0 && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.True(await channel.QueuePurgeAsync(QueueNames.Scheduler) >= 1);

            // The reconciler wakes it once the timer is overdue by Orchestrator:WakeGrace (5 s here), Scheduler or not.
            var instance = await stack.WaitForStatusAsync("sleepy", id, Timeout, "complete");
            Assert.Equal(2, instance["output"]!["after"]!.GetValue<int>());
        }
        finally
        {
            await stack.EnsureRunningAsync("Workflows.Scheduler");
        }
    }

    [Fact]
    public async Task An_orchestrator_killed_mid_flight_loses_no_instance()
    {
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
            ids.Add(await stack.CreateAsync("sleepy", new { seconds = 2 }));

        stack.Kill("Workflows.Orchestrator");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stack.StartAsync("Workflows.Orchestrator");

        foreach (var id in ids)
        {
            var instance = await stack.WaitForStatusAsync("sleepy", id, Timeout, "complete");
            Assert.Equal(2, instance["output"]!["after"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_mixed_workload_survives_the_events_service_and_the_api_being_killed()
    {
        var sleepers = new List<string>();
        var approvals = new List<string>();
        var flaky = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            sleepers.Add(await stack.CreateAsync("sleepy", new { seconds = 2 }));
            approvals.Add(await stack.CreateAsync("approval", new { timeout = "5 minutes" }));
            flaky.Add(await stack.CreateAsync("flaky", new { failures = 1, limit = 2 }));
        }

        // Events down: the Api answers 503 (try again); the SendEvent stays queued in RabbitMQ and is stored when the
        // Events service is back; a retry with the same Idempotency-Key is then a no-op.
        stack.Kill("Workflows.Events");
        await Task.WhenAll(approvals.Select(id => SendApprovalAsync(id, expectOk: false)));
        await stack.StartAsync("Workflows.Events");
        foreach (var id in approvals)
            await SendApprovalAsync(id, expectOk: true);

        stack.Kill("Workflows.Api");
        await stack.StartAsync("Workflows.Api");

        foreach (var id in sleepers)
            Assert.Equal(2, (await stack.WaitForStatusAsync("sleepy", id, Timeout, "complete"))["output"]!["after"]!.GetValue<int>());
        foreach (var id in approvals)
            Assert.Equal(id, (await stack.WaitForStatusAsync("approval", id, Timeout, "complete"))["output"]!["by"]!.GetValue<string>());
        foreach (var id in flaky)
            Assert.Equal(2, (await stack.WaitForStatusAsync("flaky", id, Timeout, "complete"))["output"]!["attempts"]!.GetValue<int>());
    }

    private async Task SendApprovalAsync(string id, bool expectOk)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = WorkflowStack.EventRequest("approval", id, "approval", new { approved = true, by = id }, $"approve-{id}");
            using var response = await stack.Api.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Accepted || (!expectOk && response.StatusCode == HttpStatusCode.ServiceUnavailable))
                return;
            Assert.True(attempt < 30, $"sending the event to {id} kept answering {(int)response.StatusCode}");
            await Task.Delay(1000);
        }
    }

    private async Task WaitForLogAsync(string service, string text)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!stack.OutputOf(service).Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"'{text}' never appeared in {service}'s output:\n{stack.OutputOf(service)}");
            await Task.Delay(50);
        }
    }

    private static Task SendExecuteInstanceAsync(IChannel channel, string id, string paramsJson) =>
        SendAsync(channel, QueueNames.ExecuteInstance, "ExecuteInstance",
            new { instanceId = id, workflow = "slow", generation = 1, paramsJson, createdAt = DateTimeOffset.UtcNow, dispatch = 1 });

    /// <summary>Puts a contract message straight into a queue, as a redelivery or a late sender would.</summary>
    private static Task SendAsync(IChannel channel, string queue, string contract, object message) =>
        RawAmqp.PublishAsync(channel, "", queue, contract, message, mandatory: true);

    private async Task WaitForDispatchAsync(string id, long dispatch)
    {
        await using var connection = new NpgsqlConnection(stack.Infrastructure.PostgresConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT dispatch FROM workflows.instances WHERE instance_id = $1", connection) { Parameters = { new() { Value = id } } };
        var deadline = DateTime.UtcNow + Timeout;
        while ((long)(await query.ExecuteScalarAsync() ?? 0L) < dispatch)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{id} was not dispatched {dispatch} times within {Timeout}");
            await Task.Delay(100);
        }
    }

    private static int Count(string log, string text) => Regex.Matches(log, Regex.Escape(text)).Count;
}
