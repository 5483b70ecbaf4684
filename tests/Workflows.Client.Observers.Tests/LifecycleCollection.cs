namespace Workflows.Client.Observers.Tests;

/// <summary>One stack for the suite; its classes run one at a time (2 cores, 5 processes, and one class kills the Orchestrator).</summary>
[CollectionDefinition(Name)]
public sealed class LifecycleCollection : ICollectionFixture<LifecycleStack>
{
    public const string Name = "lifecycle stack";
}
