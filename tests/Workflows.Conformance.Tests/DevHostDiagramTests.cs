using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>The diagram endpoint on the DevHost (SQLite, the catalog recorded in process).</summary>
[Collection(DevHostCollection.Name)]
public sealed class DevHostDiagramTests(DevHostStack stack) : DiagramTests<DevHostStack>(stack);
