namespace Workflows.Hosting.Tests.Telemetry;

/// <summary>The trace and metrics tests share one <see cref="TracingStack"/> (five processes) and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class TracingCollection : ICollectionFixture<TracingStack>
{
    public const string Name = "Tracing";
}
