using System.Diagnostics.Metrics;
using Workflows.Runtime;

namespace Workflows.Scheduler;

/// <summary>The Scheduler's instruments on the <c>Workflows</c> meter.</summary>
public sealed class SchedulerMetrics
{
    public const string LatenessInstrument = "workflows.scheduler.timer.lateness";
    public const string ScheduleFiringsInstrument = "workflows.scheduler.schedule.firings";
    public const string ScheduleSkipsInstrument = "workflows.scheduler.schedule.skips";
    public const string ScheduleLatenessInstrument = "workflows.scheduler.schedule.lateness";

    /// <summary>The tag naming the schedule on the schedule instruments.</summary>
    public const string ScheduleTag = "workflows.schedule.id";

    private static readonly double[] LatenessBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600];

    private readonly Histogram<double> _lateness;
    private readonly Counter<long> _firings;
    private readonly Counter<long> _skips;
    private readonly Histogram<double> _scheduleLateness;

    public SchedulerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(WorkflowDiagnostics.ActivitySourceName);
        _lateness = meter.CreateHistogram(
            LatenessInstrument,
            unit: "s",
            description: "How long after its due time a scheduled message was sent.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });
        _firings = meter.CreateCounter<long>(ScheduleFiringsInstrument, unit: "{firing}", description: "Schedule firings that created an instance.");
        _skips = meter.CreateCounter<long>(ScheduleSkipsInstrument, unit: "{firing}", description: "Schedule firings skipped by the overlap policy.");
        _scheduleLateness = meter.CreateHistogram(
            ScheduleLatenessInstrument,
            unit: "s",
            description: "How long after its slot a schedule firing created its instance.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });
    }

    public void RecordLateness(TimeSpan lateness, bool recurring) =>
        _lateness.Record(Math.Max(0, lateness.TotalSeconds), new KeyValuePair<string, object?>("workflows.timer.kind", recurring ? "recurring" : "once"));

    public void RecordFiring(string scheduleId, TimeSpan lateness)
    {
        var tag = new KeyValuePair<string, object?>(ScheduleTag, scheduleId);
        _firings.Add(1, tag);
        _scheduleLateness.Record(Math.Max(0, lateness.TotalSeconds), tag);
    }

    public void RecordSkip(string scheduleId) => _skips.Add(1, new KeyValuePair<string, object?>(ScheduleTag, scheduleId));
}
