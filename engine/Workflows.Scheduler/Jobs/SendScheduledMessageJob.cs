using System.Diagnostics;
using MassTransit;
using Quartz;
using Workflows.Runtime;

namespace Workflows.Scheduler.Jobs;

/// <summary>
/// Fires for every scheduled message (one job type for all of them, one job for all one-shots, so no <c>[DisallowConcurrentExecution]</c>):
/// sends the stored message to its destination as it was scheduled. A failed send is retried by Quartz with backoff,
/// from the store, so a broker outage delays a timer instead of losing it.
/// </summary>
[RetryPolicy(30, "00:00:01", 2, MaxDelay = "00:01:00", Jitter = 0.2)]
public sealed class SendScheduledMessageJob(IBus bus, SchedulerMetrics metrics, ILogger<SendScheduledMessageJob> logger) : IJob
{
    private static readonly ActivitySource Source = new(WorkflowDiagnostics.ActivitySourceName);
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var message = StoredMessage.FromJobData(context.MergedJobDataMap);
        var recurring = message.TokenId is null;
        var due = message.DueAt ?? context.ScheduledFireTimeUtc ?? context.FireTimeUtc;

        using var activity = StartSendActivity(message, context);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SendTimeout);
        try
        {
            var endpoint = await bus.GetSendEndpoint(message.Destination);
            await endpoint.Send(new ForwardedMessage(), new ForwardStoredMessagePipe(message, context, due), timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            logger.LogWarning(e, "Could not send the scheduled message {Job} to {Destination} (retry {Attempt}).",
                context.Trigger.Key, message.Destination, context.RetryAttempt);
            throw new JobExecutionException($"Could not send the scheduled message to {message.Destination}.", e);
        }

        metrics.RecordLateness(DateTimeOffset.UtcNow - due, recurring);
    }

    // Continues the trace of the call that scheduled the message, so the receiver's span sits in the same trace.
    private static Activity? StartSendActivity(StoredMessage message, IJobExecutionContext context)
    {
        ActivityContext parent = default;
        if (message.Headers?.GetValueOrDefault(DiagnosticHeaderNames.ActivityId) is string traceParent)
            ActivityContext.TryParse(traceParent, null, out parent);
        var activity = Source.StartActivity("scheduler fire", ActivityKind.Internal, parent);
        activity?.SetTag("workflows.timer.trigger", context.Trigger.Key.ToString());
        activity?.SetTag("messaging.destination.name", message.Destination.ToString());
        return activity;
    }

    /// <summary>The placeholder MassTransit sends; the pipe replaces its body with the stored envelope.</summary>
    private sealed class ForwardedMessage;
}
