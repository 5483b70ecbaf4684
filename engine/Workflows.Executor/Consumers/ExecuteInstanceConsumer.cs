using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Executor.Claims;
using Workflows.Storage;
using Workflows.Storage.Schedules;
using Workflows.Runtime;

namespace Workflows.Executor.Consumers;

/// <summary>
/// Runs one instance until it completes, suspends, pauses or fails, and reports that with one message to the saga.
/// The instance lease makes a second delivery of the same ExecuteInstance a no-op while the first runs; the lease, the
/// check that the delivery is current and the history are one claim (one round trip on PostgreSQL).
/// </summary>
public sealed class ExecuteInstanceConsumer(
    WorkflowRunner runner,
    IRunClaims claims,
    IInstanceLeases leases,
    RunRegistry registry,
    IOptions<ExecutorOptions> options,
    ExecutorMetrics metrics,
    TimeProvider time,
    ILogger<ExecuteInstanceConsumer> logger) : IConsumer<ExecuteInstance>
{
    private static readonly Uri Saga = QueueNames.Address(QueueNames.WorkflowInstance);

    public async Task Consume(ConsumeContext<ExecuteInstance> context)
    {
        var m = context.Message;
        var settings = options.Value;
        if (context.SentTime is { } sent)
            metrics.RecordQueueWait(m.Workflow, time.GetUtcNow().UtcDateTime - sent);
        // A duplicate dispatch reaching the process that already runs this generation steps aside without a database
        // round trip; duplicates elsewhere find the lease taken.
        using var run = registry.TryBegin(m.InstanceId, m.Generation, m.Rollback);
        if (run is null)
        {
            logger.LogDebug("Instance {InstanceId} generation {Generation} is already running here; this delivery steps aside", m.InstanceId, m.Generation);
            return;
        }

        try
        {
            var claim = await claims.TryClaimAsync(m.InstanceId, m.Generation, settings.LeaseDuration, context.CancellationToken);
            if (claim is null)
            {
                logger.LogDebug("Instance {InstanceId} (generation {Generation}) is stale or running in another executor; this delivery steps aside", m.InstanceId, m.Generation);
                return;
            }

            var owner = claim.Owner;
            try
            {
                if (claim.State == InstanceStates.WaitingForPause)
                {
                    await ReportAsync(context, m, new RunPaused(), settings.ReportTimeout);
                    return;
                }

                using var heartbeat = new CancellationTokenSource();
                var renewing = RenewLeaseAsync(m.InstanceId, owner, settings.LeaseDuration, heartbeat.Token);
                // The run checkpoints (as a pause) before RabbitMQ's consumer timeout; the saga dispatches it again.
                run.Pause.CancelAfter(settings.MaxRunDuration);
                RunOutcome outcome;
                try
                {
                    outcome = await runner.RunAsync(
                        new InstanceDescriptor(m.InstanceId, m.Workflow, m.Generation, m.ParamsJson ?? "", m.CreatedAt, ScheduleFiringJson.ToWorkflowSchedule(m.Schedule))
                        {
                            RollingBack = m.Rollback,
                            TraceParent = m.TraceParent,
                        },
                        run.Pause.Token, run.Terminate.Token, claim.History);
                }
                finally
                {
                    await heartbeat.CancelAsync();
                    await renewing;
                }
                await ReportAsync(context, m, outcome, settings.ReportTimeout);
            }
            finally
            {
                await leases.ReleaseAsync(m.InstanceId, owner, CancellationToken.None);
            }
        }
        finally
        {
            registry.End(m.InstanceId, run);
        }
    }

    private async Task ReportAsync(ConsumeContext context, ExecuteInstance m, RunOutcome outcome, TimeSpan timeout)
    {
        object? report = outcome switch
        {
            RunCompleted c => new ExecutionCompleted(m.InstanceId, m.Generation, c.OutputJson),
            RunSuspended s => new ExecutionSuspended(m.InstanceId, m.Generation, s.WakeAt, s.AwaitedEventTypes, m.Dispatch),
            RunFailed f => new ExecutionFailed(m.InstanceId, m.Generation, f.ErrorName, f.Message,
                f.Rollback is null ? null : OutcomeOf(f.Rollback), f.Rollback?.ErrorName, f.Rollback?.ErrorMessage),
            RunRolledBack r => new ExecutionRolledBack(m.InstanceId, m.Generation, OutcomeOf(r.Rollback), r.Rollback.ErrorName, r.Rollback.ErrorMessage, m.Dispatch),
            RunPaused => new ExecutionPaused(m.InstanceId, m.Generation, m.Dispatch),
            // Terminated or restarted: the saga already moved on and ignores this generation.
            _ => null,
        };
        if (report is null)
            return;
        // A send that raced a RabbitMQ connection loss can wait forever (the destination's declare on a channel closed
        // under it; cancellation does not reach it). This consumer would never finish, and its receive endpoint, which
        // waits for in-flight messages before it reconnects, would never consume again. Past the timeout the consumer
        // lets go instead: the endpoint reconnects, and the unacknowledged message is redelivered (or, if the channel
        // survived, the saga re-dispatches the instance past its deadline). Not an error: nothing goes to an error queue.
        try
        {
            await SendAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The outcome of {InstanceId} (generation {Generation}) did not reach RabbitMQ within {Timeout}; it will run again",
                m.InstanceId, m.Generation, timeout);
        }

        async Task SendAsync()
        {
            var saga = await context.GetSendEndpoint(Saga);
            await saga.Send(report, context.CancellationToken);
        }
    }

    private static string OutcomeOf(RollbackResult rollback) => rollback.Complete ? RollbackOutcomes.Complete : RollbackOutcomes.Failed;

    private async Task RenewLeaseAsync(string instanceId, string owner, TimeSpan duration, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(duration / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await leases.RenewAsync(instanceId, owner, duration, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not renew the lease of {InstanceId}", instanceId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }
}
