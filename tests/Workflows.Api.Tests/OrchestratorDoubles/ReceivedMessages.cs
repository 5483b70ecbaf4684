using System.Collections.Concurrent;

namespace Workflows.Api.Tests.OrchestratorDoubles;

/// <summary>Every message the test doubles consumed, so a test can assert what the Api sent.</summary>
public sealed class ReceivedMessages
{
    private readonly ConcurrentQueue<object> _messages = new();

    public void Add(object message) => _messages.Enqueue(message);

    public IReadOnlyList<T> OfType<T>() => [.. _messages.OfType<T>()];
}
