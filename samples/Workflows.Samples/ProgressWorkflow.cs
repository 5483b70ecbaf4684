using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>
/// <c>steps</c> steps named <c>work</c>, reporting <c>{ "done": i, "of": steps }</c> after each; with <c>waitForGo</c>, then
/// waits for a <c>go</c> event and sleeps a second. Output <c>{ "done": steps }</c>. Shows progress and the instance's stream.
/// </summary>
[Workflow("progress")]
public sealed class ProgressWorkflow : WorkflowEntrypoint<ProgressParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<ProgressParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var steps = evt.Payload.Steps;
        for (var i = 1; i <= steps; i++)
        {
            var index = i;
            await step.Do("work", async stepCt =>
            {
                await Task.Delay(evt.Payload.StepMilliseconds, stepCt);
                return index;
            });
            await step.ReportProgress(new { done = index, of = steps });
        }
        if (evt.Payload.WaitForGo)
        {
            await step.WaitForEvent<object>("go", new WaitForEventOptions { Type = "go", Timeout = "1 hour" });
            await step.Sleep("rest", "1 second");
        }
        return new { done = steps };
    }
}
