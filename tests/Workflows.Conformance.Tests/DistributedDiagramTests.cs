using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>The diagram endpoint on the distributed stack: the Executor process records it in PostgreSQL, the Api process serves it.</summary>
[Collection(StackCollection.Name)]
public sealed class DistributedDiagramTests(DistributedStack stack) : DiagramTests<DistributedStack>(stack);
