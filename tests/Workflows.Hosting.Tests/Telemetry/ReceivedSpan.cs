namespace Workflows.Hosting.Tests.Telemetry;

/// <summary>One span as the OTLP receiver decoded it (ids as lowercase hex, parent empty for a root).</summary>
public sealed record ReceivedSpan(
    string Service,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    int Kind,
    DateTime Start,
    DateTime End,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<(string TraceId, string SpanId)> Links,
    int StatusCode)
{
    public const int ServerKind = 2;
    public const int ErrorStatus = 2;

    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);

    public bool IsRoot => ParentSpanId.Length == 0;
}
