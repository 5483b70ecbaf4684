using Workflows.Runtime;

namespace Workflows.Storage.Tests.History;

/// <summary>The store contract on the in-memory store the unit tests and the demo use.</summary>
public sealed class InMemoryHistoryStoreTests : HistoryStoreContract
{
    protected override IHistoryStore Store { get; } = new InMemoryHistoryStore();
}
