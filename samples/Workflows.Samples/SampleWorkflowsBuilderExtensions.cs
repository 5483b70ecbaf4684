using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Runtime;

namespace Workflows.Samples;

/// <summary>Registers the conformance workflows.</summary>
public static class SampleWorkflowsBuilderExtensions
{
    /// <summary>Adds echo, sleepy, approval, flaky, fanout, long, nonretryable, slow and order (with its <see cref="SideEffectLedger"/>).</summary>
    /// <param name="builder">The runtime builder.</param>
    /// <returns>The builder.</returns>
    public static WorkflowRuntimeBuilder AddSampleWorkflows(this WorkflowRuntimeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<SideEffectLedger>();
        return builder
            .AddWorkflow<EchoWorkflow>()
            .AddWorkflow<SleepyWorkflow>()
            .AddWorkflow<ApprovalWorkflow>()
            .AddWorkflow<FlakyWorkflow>()
            .AddWorkflow<FanoutWorkflow>()
            .AddWorkflow<LongWorkflow>()
            .AddWorkflow<NonRetryableWorkflow>()
            .AddWorkflow<SlowWorkflow>()
            .AddWorkflow<OrderWorkflow>();
    }
}
