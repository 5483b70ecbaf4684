using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>
/// One step per section (<c>section-{name}</c>, returning the name in upper case), then a helper method that renders them in
/// step <c>render-html</c> or <c>render-text</c>; output <c>{ "sections": n, "document": "..." }</c>. Its diagram shows an
/// interpolated step name, a loop, a function call and a switch.
/// </summary>
[Workflow("report")]
public sealed class ReportWorkflow : WorkflowEntrypoint<ReportParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<ReportParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var parts = new List<string>();
        foreach (var section in evt.Payload.Sections ?? [])
            parts.Add(await step.Do($"section-{section}", _ => Task.FromResult(section.ToUpperInvariant())));
        var document = await RenderAsync(step, evt.Payload.Format, parts);
        return new { sections = parts.Count, document };
    }

    private static async Task<string> RenderAsync(IWorkflowStep step, string? format, List<string> parts)
    {
        switch (format)
        {
            case "html":
                return await step.Do("render-html", _ => Task.FromResult($"<p>{string.Join("</p><p>", parts)}</p>"));
            default:
                return await step.Do("render-text", _ => Task.FromResult(string.Join('\n', parts)));
        }
    }
}
