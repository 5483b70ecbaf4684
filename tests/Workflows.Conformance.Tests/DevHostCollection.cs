using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>One DevHost (one process, in-memory bus, SQLite) shared by the lifecycle tests that run against it.</summary>
[CollectionDefinition(Name)]
public sealed class DevHostCollection : ICollectionFixture<DevHostStack>
{
    public const string Name = "devhost";
}
