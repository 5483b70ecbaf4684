namespace Workflows.Sdk;

/// <summary>How <see cref="IWorkflowStep.Invoke{TResult}"/> starts and waits for a child instance.</summary>
public sealed record ChildWorkflowOptions
{
    /// <summary>The child's instance id; default <c>{parent id}-{step name slug}-{occurrence}</c> (shortened with a hash past 100 characters).</summary>
    public string? Id { get; init; }

    /// <summary>What happens to the child when the parent ends first; default <see cref="ParentClosePolicy.Terminate"/>.</summary>
    public ParentClosePolicy ParentClosePolicy { get; init; } = ParentClosePolicy.Terminate;

    /// <summary>How long the parent waits (at most 365 days) before <see cref="WorkflowTimeoutException"/>; default 365 days.</summary>
    public Duration Timeout { get; init; } = TimeSpan.FromDays(365);
}
