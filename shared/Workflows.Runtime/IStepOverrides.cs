namespace Workflows.Runtime;

/// <summary>
/// Replaces step bodies by name (the TestKit's step mocks). When registered in DI the runner asks it
/// before each attempt; the replacement's result is serialized like a real body's (as the step's type when it is one) and read back as the step's type.
/// </summary>
public interface IStepOverrides
{
    /// <summary>The replacement body of a step, or null to run the real one.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="stepName">The step name.</param>
    /// <returns>The replacement, or null.</returns>
    Func<CancellationToken, Task<object?>>? Find(string instanceId, string stepName);
}
