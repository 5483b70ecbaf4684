using System.Diagnostics.Metrics;
using Workflows.Runtime;

namespace Workflows.Executor;

/// <summary>The Executor's instruments on the <c>Workflows</c> meter: how long runs wait in the queue, and how many run now.</summary>
public sealed class ExecutorMetrics
{
    public const string QueueWaitInstrument = "workflows.executor.queue_wait";
    public const string SlotsBusyInstrument = "workflows.executor.slots_busy";

    private static readonly double[] WaitBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly Histogram<double> _queueWait;

    public ExecutorMetrics(IMeterFactory meterFactory, RunRegistry runs)
    {
        var meter = meterFactory.Create(WorkflowDiagnostics.ActivitySourceName);
        _queueWait = meter.CreateHistogram(
            QueueWaitInstrument,
            unit: "s",
            description: "From the send of an ExecuteInstance to the start of its run.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitBuckets });
        meter.CreateObservableGauge(SlotsBusyInstrument, () => runs.Count, unit: "{run}", description: "Runs in flight in this Executor.");
    }

    public void RecordQueueWait(string workflow, TimeSpan wait) =>
        _queueWait.Record(Math.Max(0, wait.TotalSeconds), new KeyValuePair<string, object?>(WorkflowDiagnostics.WorkflowTag, workflow));
}
