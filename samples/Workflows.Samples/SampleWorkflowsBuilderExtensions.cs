using Workflows.Runtime;

namespace Workflows.Samples;

/// <summary>Registers the conformance workflows.</summary>
public static class SampleWorkflowsBuilderExtensions
{
    /// <summary>Adds echo, sleepy, approval, flaky, fanout, long, nonretryable and slow.</summary>
    /// <param name="builder">The runtime builder.</param>
    /// <returns>The builder.</returns>
    public static WorkflowRuntimeBuilder AddSampleWorkflows(this WorkflowRuntimeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddWorkflow<EchoWorkflow>()
            .AddWorkflow<SleepyWorkflow>()
            .AddWorkflow<ApprovalWorkflow>()
            .AddWorkflow<FlakyWorkflow>()
            .AddWorkflow<FanoutWorkflow>()
            .AddWorkflow<LongWorkflow>()
            .AddWorkflow<NonRetryableWorkflow>()
            .AddWorkflow<SlowWorkflow>();
    }
}
