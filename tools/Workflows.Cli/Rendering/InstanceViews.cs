using System.Globalization;
using Workflows.Contracts;
using Workflows.Client.Models;

namespace Workflows.Cli.Rendering;

/// <summary>What the instance commands print without <c>--json</c>.</summary>
internal static class InstanceViews
{
    public static void Created(TextWriter output, string workflow, CreatedInstance created) =>
        output.WriteLine($"Created {workflow} instance {created.Id} ({created.Status}).");

    /// <summary>A page of instances; <paramref name="showWorkflow"/> adds the workflow column (a list across workflows).</summary>
    public static void Page(TextWriter output, InstancePage page, bool showWorkflow)
    {
        if (page.Instances.Count == 0)
            output.WriteLine("No instances.");
        else if (showWorkflow)
            TableView.Write(output, ["Id", "Workflow", "Status", "Created", "Ended", "Metadata"], page.Instances.Select(i => (IReadOnlyList<string>)
                [i.Id, i.Workflow ?? Format.None, i.Status, Format.Time(i.CreatedAt), Format.Time(i.EndedAt), Metadata(i.Metadata)]));
        else
            TableView.Write(output, ["Id", "Status", "Created", "Ended", "Metadata"], page.Instances.Select(i => (IReadOnlyList<string>)
                [i.Id, i.Status, Format.Time(i.CreatedAt), Format.Time(i.EndedAt), Metadata(i.Metadata)]));
        if (page.NextCursor is not null)
            output.WriteLine($"Next page: --cursor {page.NextCursor}");
    }

    public static void Accepted(TextWriter output, string command, string id, CommandAccepted accepted) =>
        output.WriteLine($"{command} accepted: instance {id} is {accepted.Status}.");

    public static void EventSent(TextWriter output, string type, string id, EventSent sent) =>
        output.WriteLine($"Sent event '{type}' to instance {id} (event id {sent.EventId}).");

    /// <summary>The instance's status and outcome, then a table of its steps.</summary>
    public static void Details(TextWriter output, InstanceDetails instance, DateTimeOffset now)
    {
        TableView.Write(output, Fields(instance, now));
        output.WriteLine();
        if (instance.Steps.Count == 0)
        {
            output.WriteLine("No steps yet.");
            return;
        }
        TableView.Write(output, ["Step", "Type", "Status", "Attempts", "Duration"], instance.Steps.Select(step => (IReadOnlyList<string>)
        [
            step.Name,
            step.Type,
            step.Error is { } error ? $"{step.Status} ({error.Name}: {error.Message})" : step.Status,
            step.Attempts.ToString(CultureInfo.InvariantCulture),
            Format.Duration(step.StartedAt, step.EndedAt, now),
        ]));
    }

    private static IEnumerable<IReadOnlyList<string>> Fields(InstanceDetails instance, DateTimeOffset now)
    {
        yield return ["Instance", instance.Id];
        yield return ["Workflow", instance.Workflow];
        yield return ["Status", instance.Status];
        yield return ["Created", Format.Time(instance.CreatedAt)];
        yield return ["Started", Format.Time(instance.StartedAt)];
        yield return ["Ended", Format.Time(instance.EndedAt)];
        yield return ["Duration", Format.Duration(instance.StartedAt, instance.EndedAt, now)];
        yield return ["Params", Format.Json(instance.Params)];
        if (instance.Metadata is { Count: > 0 } metadata)
            yield return ["Metadata", Metadata(metadata)];
        if (instance.Priority != InstancePriorities.Default)
            yield return ["Priority", instance.Priority.ToString(CultureInfo.InvariantCulture)];
        if (instance.Progress is { } progress)
            yield return ["Progress", Format.Json(progress)];
        if (instance.CpuTimeMs is { } cpu)
            yield return ["CPU time", $"{cpu.ToString("0.###", CultureInfo.InvariantCulture)} ms"];
        if (instance.Parent is { } parent)
            yield return ["Parent", Link(parent)];
        if (instance.Children is { Count: > 0 } children)
            yield return ["Children", string.Join(", ", children.Select(Link))];
        if (instance.Rollback is { } rollback)
            yield return ["Rollback", rollback.Error is { } failed ? $"{rollback.Outcome} ({failed.Name}: {failed.Message})" : rollback.Outcome];
        if (instance.Error is { } error)
            yield return ["Error", $"{error.Name}: {error.Message}"];
        else if (instance.Status == InstanceStatuses.Complete)
            yield return ["Output", Format.Json(instance.Output)];
    }

    private static string Link(InstanceLink link) => $"{link.Workflow}/{link.Id} ({link.Status})";

    private static string Metadata(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is { Count: > 0 } ? string.Join(' ', metadata.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}")) : Format.None;
}
