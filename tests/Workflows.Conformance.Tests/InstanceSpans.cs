using System.Text.Json.Nodes;

namespace Workflows.Conformance.Tests;

/// <summary>How many instances ran at once, from the <c>startedAt</c>/<c>endedAt</c> the API shows.</summary>
internal static class InstanceSpans
{
    /// <summary>An instance's run, from its status.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Of(JsonObject instance) => (Instant(instance, "startedAt"), Instant(instance, "endedAt"));

    /// <summary>The most spans that overlap at one instant (a span ending when another starts does not overlap it).</summary>
    public static int MostAtOnce(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> spans) =>
        spans.SelectMany(s => new[] { (At: s.Start, Delta: 1), (At: s.End, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta)
            .Aggregate((Now: 0, Most: 0), (acc, e) => (acc.Now + e.Delta, Math.Max(acc.Most, acc.Now + e.Delta))).Most;

    private static DateTimeOffset Instant(JsonObject instance, string property) =>
        DateTimeOffset.Parse(instance[property]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
