using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Executor;
using Workflows.Hosting;
using Workflows.Runtime;

namespace Workflows.Samples;

/// <summary>Registers the conformance workflows.</summary>
public static class SampleWorkflowsBuilderExtensions
{
    /// <summary>The schedule the samples declare in code: <c>scheduled</c> at 03:00 Berlin time every day.</summary>
    public const string DeclaredScheduleId = "nightly-scheduled";

    /// <summary>Adds echo, sleepy, approval, flaky, fanout, long, nonretryable, slow, order, diamond, parent, child and rollback (with their <see cref="SideEffectLedger"/>), report, scheduled, limited (flow control), and issue-triage (settings <c>IssueTriage</c>).</summary>
    /// <param name="builder">The runtime builder.</param>
    /// <returns>The builder.</returns>
    public static WorkflowRuntimeBuilder AddSampleWorkflows(this WorkflowRuntimeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<SideEffectLedger>();
        builder.Services.AddOptions<IssueTriageOptions>().BindConfiguration(IssueTriageOptions.Section);
        builder.Services.TryAddSingleton<IssueTriageModel>();
        builder.Services.TryAddSingleton<GitHubIssueComments>();
        return builder
            .AddWorkflow<EchoWorkflow>()
            .AddWorkflow<SleepyWorkflow>()
            .AddWorkflow<ApprovalWorkflow>()
            .AddWorkflow<SignoffWorkflow>()
            .AddWorkflow<FlakyWorkflow>()
            .AddWorkflow<FanoutWorkflow>()
            .AddWorkflow<LongWorkflow>()
            .AddWorkflow<NonRetryableWorkflow>()
            .AddWorkflow<SlowWorkflow>()
            .AddWorkflow<ProgressWorkflow>()
            .AddWorkflow<OrderWorkflow>()
            .AddWorkflow<ReportWorkflow>()
            .AddWorkflow<IssueTriageWorkflow>()
            .AddWorkflow<DiamondWorkflow>()
            .AddWorkflow<ParentWorkflow>()
            .AddWorkflow<ChildWorkflow>()
            .AddWorkflow<RollbackWorkflow>()
            .AddWorkflow<ScheduledWorkflow>()
            .AddWorkflow<LimitedWorkflow>();
    }

    /// <summary>
    /// Runs the conformance workflows in this process (adding the Executor part if it is not there yet) and declares
    /// the <see cref="DeclaredScheduleId"/> schedule (upserted at every start).
    /// </summary>
    /// <param name="builder">The process's composition.</param>
    /// <returns>The builder.</returns>
    public static WorkflowsBuilder AddSampleWorkflows(this WorkflowsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        new WorkflowRuntimeBuilder(builder.AddExecutor().Services).AddSampleWorkflows();
        return builder.AddSchedule<ScheduledWorkflow>(DeclaredScheduleId, cron: "0 3 * * *", timeZone: "Europe/Berlin", @params: new { source = "code" });
    }
}
