namespace Workflows.Scheduler.Jobs;

/// <summary>The header in which MassTransit carries the W3C traceparent across the broker.</summary>
internal static class DiagnosticHeaderNames
{
    public const string ActivityId = "MT-Activity-Id";
}
