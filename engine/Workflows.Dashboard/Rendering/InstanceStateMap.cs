using System.Globalization;
using System.Text.RegularExpressions;
using Workflows.Api.Diagrams;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Dashboard.Rendering;

/// <summary>Maps an instance's step rows onto its diagram's step nodes by step name (an interpolated name matches every name it can produce).</summary>
internal sealed class InstanceStateMap(IReadOnlyList<StepRow> steps)
{
    public NodeState For(DiagramNode node)
    {
        if (node.Name is null || !IsStep(node.Kind))
            return NodeState.Unreached;
        var rows = steps.Where(Matcher(node)).ToList();
        if (rows.Count == 0)
            return NodeState.Unreached;

        var count = rows.Count;
        var latest = rows[^1];
        var times = count > 1 ? $" ×{count}" : "";
        return Enum.TryParse<StepStatus>(latest.Status, out var status) ? status switch
        {
            StepStatus.Complete => new NodeState(NodeState.Done, "done" + times, count),
            StepStatus.Running => new NodeState(NodeState.Running, $"running, attempt {latest.Attempts + 1}", count),
            StepStatus.Retrying => new NodeState(NodeState.Retrying,
                $"retrying: attempt {latest.Attempts + 1}{At(latest.WakeAt)}{Because(latest.ErrorMessage)}", count),
            StepStatus.Waiting when latest.EventType is { } type => new NodeState(NodeState.Waiting, $"waiting for event '{type}'{Until(latest.WakeAt)}", count),
            StepStatus.Waiting => new NodeState(NodeState.Waiting, $"waiting{Until(latest.WakeAt)}", count),
            StepStatus.TimedOut => new NodeState(NodeState.Failed, "timed out", count),
            _ => new NodeState(NodeState.Failed, $"failed: {latest.ErrorName}: {latest.ErrorMessage}", count),
        } : new NodeState(NodeState.Running, latest.Status, count);
    }

    /// <summary>How many times a loop's body ran: the most runs of any step inside it.</summary>
    public int IterationsOf(DiagramNode loop) => Descendants(loop).Select(n => For(n).Runs).DefaultIfEmpty(0).Max();

    private static IEnumerable<DiagramNode> Descendants(DiagramNode node) =>
        (node.Children ?? []).Concat((node.Branches ?? []).SelectMany(b => b.Children))
            .SelectMany(child => Descendants(child).Prepend(child));

    private static bool IsStep(string kind) =>
        kind is DiagramKinds.StepDo or DiagramKinds.StepSleep or DiagramKinds.StepSleepUntil or DiagramKinds.StepWaitForEvent;

    private static Func<StepRow, bool> Matcher(DiagramNode node)
    {
        if (node.NameKind != DiagramNameKinds.Interpolated)
            return row => row.Name == node.Name;
        // $"item-{i}" matches item-1, item-2, …: each hole stands for any text.
        var pattern = "^" + string.Join(".+", Regex.Split(node.Name!, @"\{[^}]*\}").Select(Regex.Escape)) + "$";
        var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        return row => regex.IsMatch(row.Name);
    }

    private static string Until(DateTimeOffset? time) => time is { } t ? " until " + Format(t) : "";
    private static string At(DateTimeOffset? time) => time is { } t ? " at " + Format(t) : "";
    private static string Because(string? error) => error is null ? "" : $" (last error: {error})";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
