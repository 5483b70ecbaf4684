using System.Collections.Concurrent;
using Xunit;

namespace Workflows.Testing;

/// <summary>Every message a test's doubles consumed, in arrival order, so the test can wait for and assert what the code under test sent or published.</summary>
public sealed class ReceivedMessages
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<object> _messages = new();

    public void Add(object message) => _messages.Enqueue(message);

    public IReadOnlyList<T> OfType<T>() => [.. _messages.OfType<T>()];

    /// <summary>The first <typeparamref name="T"/> that matches; fails with what did arrive when none does in time.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (_messages.OfType<T>().FirstOrDefault(match) is { } found)
                return found;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"no matching {typeof(T).Name} within {Patience.TotalSeconds} s; received: {string.Join(", ", OfType<T>())}");
            await Task.Delay(50);
        }
    }
}
