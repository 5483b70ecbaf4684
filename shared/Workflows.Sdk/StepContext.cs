namespace Workflows.Sdk;

/// <summary>
/// Facts about the step attempt that is running, for code inside a step body:
/// <c>StepContext.Current?.Attempt</c>. It flows with the async call, so it is <c>null</c>
/// outside a step body (including in the workflow's own code).
/// </summary>
public sealed class StepContext
{
    private static readonly AsyncLocal<StepContext?> Ambient = new();

    /// <summary>Creates a context; the engine does this for every attempt.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="stepName">The step name.</param>
    /// <param name="attempt">The attempt number, 1-based.</param>
    public StepContext(string instanceId, string stepName, int attempt)
    {
        InstanceId = instanceId;
        StepName = stepName;
        Attempt = attempt;
    }

    /// <summary>The context of the attempt running on this async flow, or null outside a step body.</summary>
    public static StepContext? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The step name.</summary>
    public string StepName { get; }

    /// <summary>The attempt number: 1 for the first attempt, kept across suspensions and crashes once persisted.</summary>
    public int Attempt { get; }
}
