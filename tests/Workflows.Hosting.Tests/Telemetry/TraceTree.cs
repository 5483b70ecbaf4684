using System.Globalization;
using System.Text;

namespace Workflows.Hosting.Tests.Telemetry;

/// <summary>One trace's spans as a tree: parents, children, ancestors, and a printout for the test output.</summary>
public sealed class TraceTree
{
    private readonly Dictionary<string, ReceivedSpan> byId;

    public TraceTree(IEnumerable<ReceivedSpan> spans, string traceId)
    {
        Spans = [.. spans.Where(s => s.TraceId == traceId).DistinctBy(s => s.SpanId).OrderBy(s => s.Start)];
        byId = Spans.ToDictionary(s => s.SpanId);
    }

    public IReadOnlyList<ReceivedSpan> Spans { get; }

    public ReceivedSpan? ParentOf(ReceivedSpan span) => byId.GetValueOrDefault(span.ParentSpanId);

    /// <summary>The span's ancestors, nearest first, as far as they were received.</summary>
    public IReadOnlyList<ReceivedSpan> AncestorsOf(ReceivedSpan span)
    {
        var chain = new List<ReceivedSpan>();
        for (var parent = ParentOf(span); parent is not null; parent = ParentOf(parent))
            chain.Add(parent);
        return chain;
    }

    public IEnumerable<ReceivedSpan> ChildrenOf(ReceivedSpan span) => Spans.Where(s => s.ParentSpanId == span.SpanId);

    public string Print()
    {
        var text = new StringBuilder();
        var start = Spans.Count == 0 ? DateTime.MinValue : Spans.Min(s => s.Start);
        foreach (var root in Spans.Where(s => ParentOf(s) is null))
            Print(root, 0);
        return text.ToString();

        void Print(ReceivedSpan span, int depth)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{new string(' ', depth * 2)}{span.Name}  [{span.Service}]  +{(span.Start - start).TotalMilliseconds:F0} ms, {(span.End - span.Start).TotalMilliseconds:F1} ms");
            foreach (var key in new[] { "workflow.step", "workflow.attempt", "workflow.outcome", "workflow.error", "workflow.cpu_time_ms" })
                if (span[key] is { } value)
                    text.Append(CultureInfo.InvariantCulture, $"  {key}={value}");
            if (span.Links.Count > 0)
                text.Append(CultureInfo.InvariantCulture, $"  links→{string.Join(",", span.Links.Select(l => l.TraceId[..8]))}");
            text.AppendLine();
            foreach (var child in ChildrenOf(span))
                Print(child, depth + 1);
        }
    }
}
