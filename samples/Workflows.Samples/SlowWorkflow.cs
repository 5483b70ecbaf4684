using Microsoft.Extensions.Logging;
using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>
/// <c>steps</c> sequential steps named <c>slow</c>, each working <c>stepMilliseconds</c>; each run of a step logs
/// <c>slow step {i} of {instance} ran</c> (its visible side effect). Output: the number of steps.
/// Used to kill an Executor in the middle of a step and count what ran again.
/// </summary>
[Workflow("slow")]
public sealed partial class SlowWorkflow(ILogger<SlowWorkflow> logger) : WorkflowEntrypoint<SlowParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<SlowParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        for (var i = 1; i <= evt.Payload.Steps; i++)
        {
            var index = i;
            await step.Do("slow", async stepCt =>
            {
                StepStarted(logger, index, evt.InstanceId);
                await Task.Delay(evt.Payload.StepMilliseconds, stepCt);
                StepRan(logger, index, evt.InstanceId);
                return index;
            });
        }
        return evt.Payload.Steps;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "slow step {Index} of {InstanceId} started")]
    private static partial void StepStarted(ILogger logger, int index, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "slow step {Index} of {InstanceId} ran")]
    private static partial void StepRan(ILogger logger, int index, string instanceId);
}
