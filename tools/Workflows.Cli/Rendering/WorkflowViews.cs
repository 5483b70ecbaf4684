using System.Globalization;
using System.Text.Json.Nodes;
using Workflows.Client.Models;

namespace Workflows.Cli.Rendering;

/// <summary>What <c>list</c> and <c>describe</c> print.</summary>
internal static class WorkflowViews
{
    public static void List(TextWriter output, IReadOnlyList<WorkflowSummary> workflows)
    {
        if (workflows.Count == 0)
        {
            output.WriteLine("No workflows: no Executor has registered one yet.");
            return;
        }
        TableView.Write(output, ["Name", "First seen", "Last seen"], workflows.Select(w => (IReadOnlyList<string>)
            [w.Name, Format.Time(w.FirstSeenAt), Format.Time(w.LastSeenAt)]));
    }

    public static void Describe(TextWriter output, WorkflowSummary workflow, InstanceCounts counts)
    {
        TableView.Write(output,
        [
            ["Name", workflow.Name],
            ["First seen", Format.Time(workflow.FirstSeenAt)],
            ["Last seen", Format.Time(workflow.LastSeenAt)],
            ["Instances", counts.More ? $"{counts.Counted} newest counted (there are more)" : counts.Counted.ToString(CultureInfo.InvariantCulture)],
        ]);
        if (counts.Counted == 0) return;
        output.WriteLine();
        TableView.Write(output, ["Status", "Count"], counts.ByStatus.Select(c => (IReadOnlyList<string>)
            [c.Key, c.Value.ToString(CultureInfo.InvariantCulture)]));
    }

    /// <summary>The workflow's entry of <c>GET /api/workflows</c> with the counts added as <c>instances</c>.</summary>
    public static JsonObject DescribeJson(JsonObject workflow, InstanceCounts counts)
    {
        var byStatus = new JsonObject();
        foreach (var (status, count) in counts.ByStatus)
            byStatus[status] = count;
        workflow["instances"] = new JsonObject { ["counted"] = counts.Counted, ["more"] = counts.More, ["byStatus"] = byStatus };
        return workflow;
    }
}
