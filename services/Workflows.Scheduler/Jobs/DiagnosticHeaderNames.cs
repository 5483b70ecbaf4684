namespace Workflows.Scheduler.Jobs;

/// <summary>The headers in which MassTransit carries W3C trace context across the broker.</summary>
internal static class DiagnosticHeaderNames
{
    public const string ActivityId = "MT-Activity-Id";
    public const string TraceState = "MT-Activity-Correlation-Context";
}
