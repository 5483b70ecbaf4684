using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>
/// Step <c>flaky</c> fails its first <c>failures</c> attempts (counted by the persisted attempt number),
/// retrying every 100 ms up to <c>limit</c> times; output <c>{ "attempts": a }</c>. More failures than the limit → errored.
/// </summary>
[Workflow("flaky")]
public sealed class FlakyWorkflow : WorkflowEntrypoint<FlakyParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<FlakyParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var config = new StepConfig { Retries = new(evt.Payload.Limit, TimeSpan.FromMilliseconds(100), Backoff.Constant) };
        var attempts = await step.Do("flaky", config, _ =>
        {
            var attempt = StepContext.Current!.Attempt;
            return attempt <= evt.Payload.Failures
                ? throw new InvalidOperationException($"Attempt {attempt} of step 'flaky' fails on purpose.")
                : Task.FromResult(attempt);
        });
        return new { attempts };
    }
}
