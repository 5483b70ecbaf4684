using System.Diagnostics.Metrics;
using Workflows.Runtime;

namespace Workflows.Scheduler;

/// <summary>The Scheduler's instruments on the <c>Workflows</c> meter.</summary>
public sealed class SchedulerMetrics
{
    public const string LatenessInstrument = "workflows.scheduler.timer.lateness";

    private readonly Histogram<double> _lateness;

    public SchedulerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(WorkflowDiagnostics.ActivitySourceName);
        _lateness = meter.CreateHistogram(
            LatenessInstrument,
            unit: "s",
            description: "How long after its due time a scheduled message was sent.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600] });
    }

    public void RecordLateness(TimeSpan lateness, bool recurring) =>
        _lateness.Record(Math.Max(0, lateness.TotalSeconds), new KeyValuePair<string, object?>("workflows.timer.kind", recurring ? "recurring" : "once"));
}
