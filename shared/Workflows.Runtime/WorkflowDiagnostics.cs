using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Workflows.Runtime;

/// <summary>
/// OpenTelemetry names: add <see cref="ActivitySourceName"/> to the tracer (a span per run, step attempt, sleep and wait)
/// and to the meter provider (the runtime's instruments below). The tags double as the keys of the log scopes.
/// </summary>
public static class WorkflowDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> name: "Workflows".</summary>
    public const string ActivitySourceName = "Workflows";

    /// <summary>Tag: the instance id.</summary>
    public const string InstanceIdTag = "workflow.instance_id";

    /// <summary>Tag: the workflow name.</summary>
    public const string WorkflowTag = "workflow.name";

    /// <summary>Tag: the instance's history generation (grows on restart).</summary>
    public const string GenerationTag = "workflow.generation";

    /// <summary>Tag: the step name.</summary>
    public const string StepTag = "workflow.step";

    /// <summary>Tag: the attempt number, 1-based.</summary>
    public const string AttemptTag = "workflow.attempt";

    /// <summary>Tag: how a step attempt or a run ended (<c>success</c>, <c>retry</c>, <c>failure</c>; a run: completed, suspended, failed, paused …).</summary>
    public const string OutcomeTag = "workflow.outcome";

    /// <summary>Tag: the error type name of a failed attempt.</summary>
    public const string ErrorTag = "workflow.error";

    /// <summary>Tag: the event type of an event wait.</summary>
    public const string EventTypeTag = "workflow.event_type";

    /// <summary>Tag: the thread CPU time of a step attempt, in milliseconds.</summary>
    public const string CpuTimeTag = "workflow.cpu_time_ms";

    /// <summary>Instrument: step attempts, by workflow, step and outcome.</summary>
    public const string StepAttemptsInstrument = "workflows.step.attempts";

    /// <summary>Instrument: failed step attempts (retried or final), by workflow, step and error.</summary>
    public const string StepFailuresInstrument = "workflows.step.failures";

    /// <summary>Instrument: wall time of a step attempt, seconds.</summary>
    public const string StepDurationInstrument = "workflows.step.duration";

    /// <summary>Instrument: thread CPU time of a step attempt's body, seconds.</summary>
    public const string StepCpuTimeInstrument = "workflows.step.cpu_time";

    /// <summary>Instrument: creation to completion or failure of an instance, seconds, by workflow and outcome.</summary>
    public const string InstanceDurationInstrument = "workflows.instance.duration";

    /// <summary>Instrument: thread CPU time of all an instance's step attempts, seconds, recorded when it ends.</summary>
    public const string InstanceCpuTimeInstrument = "workflows.instance.cpu_time";

    /// <summary>Instrument: an event's arrival in the inbox to its consumption by a wait, seconds.</summary>
    public const string EventDeliveryLatencyInstrument = "workflows.event.delivery_latency";

    /// <summary>Outcome tag values of a step attempt.</summary>
    internal const string Success = "success", Retry = "retry", Failure = "failure";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    private static readonly Meter Meter = new(ActivitySourceName);

    private static readonly double[] SecondsBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600];

    internal static readonly Counter<long> StepAttempts = Meter.CreateCounter<long>(StepAttemptsInstrument, "{attempt}", "Step attempts, by outcome.");
    internal static readonly Counter<long> StepFailures = Meter.CreateCounter<long>(StepFailuresInstrument, "{attempt}", "Step attempts that failed (retried or final).");
    internal static readonly Histogram<double> StepDuration = Seconds(StepDurationInstrument, "Wall time of a step attempt.");
    internal static readonly Histogram<double> StepCpuTime = Seconds(StepCpuTimeInstrument, "Thread CPU time of a step attempt's body.");
    internal static readonly Histogram<double> InstanceDuration = Seconds(InstanceDurationInstrument, "Creation to completion or failure of an instance.");
    internal static readonly Histogram<double> InstanceCpuTime = Seconds(InstanceCpuTimeInstrument, "Thread CPU time of all an instance's step attempts.");
    internal static readonly Histogram<double> EventDeliveryLatency = Seconds(EventDeliveryLatencyInstrument, "An event's arrival to its consumption by a wait.");

    /// <summary>
    /// Starts the span of one run. Every run belongs to the instance's trace (<see cref="InstanceDescriptor.TraceParent"/>, stored when it
    /// was created): a run delivered within that trace (the first dispatch, a timer wake-up) continues it; one delivered in
    /// another trace (an event, a resume, the reconciler) is parented to the instance's root and links to its delivery.
    /// </summary>
    internal static Activity? StartRun(InstanceDescriptor instance)
    {
        var delivery = Activity.Current;
        ActivityContext parent = default;
        IEnumerable<ActivityLink>? links = null;
        if (instance.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, null, out var root)
            && delivery?.TraceId != root.TraceId)
        {
            parent = root;
            if (delivery is not null)
                links = [new ActivityLink(delivery.Context)];
        }
        var activity = Source.StartActivity(ActivityKind.Internal, parent, links: links, name: $"run {instance.WorkflowName}");
        activity?.SetTag(InstanceIdTag, instance.InstanceId);
        activity?.SetTag(WorkflowTag, instance.WorkflowName);
        activity?.SetTag(GenerationTag, instance.Generation);
        return activity;
    }

    /// <summary>A span for a sleep or an event wait, from when it was reached to now, emitted by the run it ends in.</summary>
    internal static void RecordWait(string kind, InstanceDescriptor instance, StepRecord record, DateTimeOffset now, string outcome)
    {
        using var activity = Source.StartActivity($"{kind} {record.Name}", ActivityKind.Internal, parentContext: default, startTime: record.StartedAt ?? now);
        if (activity is null)
            return;
        activity.SetTag(InstanceIdTag, instance.InstanceId);
        activity.SetTag(WorkflowTag, instance.WorkflowName);
        activity.SetTag(StepTag, record.Name);
        activity.SetTag(OutcomeTag, outcome);
        if (record.EventType is { } type)
            activity.SetTag(EventTypeTag, type);
        activity.SetEndTime(now.UtcDateTime);
    }

    private static Histogram<double> Seconds(string name, string description) =>
        Meter.CreateHistogram(name, "s", description, tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
}
