namespace Workflows.Conformance.Tests;

/// <summary>The flow-control tests share one <see cref="FlowControlStack"/>.</summary>
[CollectionDefinition(Name)]
public sealed class FlowControlCollection : ICollectionFixture<FlowControlStack>
{
    public const string Name = "flow-control stack";
}
