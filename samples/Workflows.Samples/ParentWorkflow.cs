using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>
/// Invokes <c>children</c> <see cref="ChildWorkflow"/> instances concurrently (child i gets <c>{ "i": i }</c>, and
/// <c>"fail": true</c> when i = <c>failAt</c>) and returns the sum of their outputs, n × (n + 1); a failing child fails the
/// parent with the child's error name and message.
/// </summary>
[Workflow("parent")]
public sealed class ParentWorkflow : WorkflowEntrypoint<ParentParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<ParentParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var calls = Enumerable.Range(1, evt.Payload.Children)
            .Select(i => step.Invoke<ChildWorkflow, int>("child", new ChildParams(i, i == evt.Payload.FailAt ? true : null, evt.Payload.ChildSleepSeconds)))
            .ToList();
        var outputs = await Task.WhenAll(calls);
        return outputs.Sum();
    }
}
