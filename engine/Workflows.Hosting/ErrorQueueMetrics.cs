using System.Diagnostics.Metrics;
using MassTransit;
using Workflows.Runtime;

namespace Workflows.Hosting;

/// <summary>
/// Counts, per receive endpoint, the messages it moved to its <c>_error</c> queue (the consumer faulted, or the message
/// could not be read) and to its <c>_skipped</c> queue (no consumer for its type): a receive observer on every endpoint of the bus.
/// </summary>
public sealed class ErrorQueueMetrics : IReceiveObserver
{
    public const string FaultedInstrument = "workflows.messages.faulted";
    public const string SkippedInstrument = "workflows.messages.skipped";

    /// <summary>Tag: the receive endpoint's queue (<c>create-instances</c>), not the error queue's name.</summary>
    public const string QueueTag = "messaging.destination.name";

    private readonly Counter<long> _faulted;
    private readonly Counter<long> _skipped;

    public ErrorQueueMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(WorkflowDiagnostics.ActivitySourceName);
        _faulted = meter.CreateCounter<long>(FaultedInstrument, unit: "{message}",
            description: "Messages an endpoint moved to its _error queue: the consumer failed for good or the message could not be read.");
        _skipped = meter.CreateCounter<long>(SkippedInstrument, unit: "{message}",
            description: "Messages an endpoint moved to its _skipped queue: no consumer on it handles their type.");
    }

    public Task PostReceive(ReceiveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // MassTransit's own rule: faulted goes to the error queue; neither delivered nor faulted goes to the skipped queue.
        if (context.IsFaulted)
            _faulted.Add(1, QueueOf(context));
        else if (!context.IsDelivered)
            _skipped.Add(1, QueueOf(context));
        return Task.CompletedTask;
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;

    private static KeyValuePair<string, object?> QueueOf(ReceiveContext context) => new(QueueTag, InputAddresses.QueueOf(context.InputAddress));
}
