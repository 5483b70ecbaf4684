using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>The lifecycle tests on the DevHost: every service in one process on the in-memory bus and SQLite.</summary>
[Collection(DevHostCollection.Name)]
public sealed class DevHostLifecycleTests(DevHostStack stack) : LifecycleTests<DevHostStack>(stack);
