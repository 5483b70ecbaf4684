using Workflows.Testing;

namespace Workflows.Robustness.Tests;

/// <summary>One distributed stack for the suite; its classes run one at a time (2 cores, 5 processes).</summary>
[CollectionDefinition(Name)]
public sealed class RobustnessCollection : ICollectionFixture<DistributedStack>
{
    public const string Name = "robustness";
}
