using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>One distributed stack shared by the lifecycle tests; they run one class at a time (2 cores, 5 processes).</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<DistributedStack>
{
    public const string Name = "distributed stack";
}
