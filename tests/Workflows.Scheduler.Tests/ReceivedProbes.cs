using System.Collections.Concurrent;

namespace Workflows.Scheduler.Tests;

/// <summary>Every probe the client host consumed, and a way to wait for the ones a test expects.</summary>
public sealed class ReceivedProbes
{
    private readonly ConcurrentQueue<ReceivedProbe> _received = new();

    public void Add(ReceivedProbe probe) => _received.Enqueue(probe);

    public IReadOnlyList<ReceivedProbe> Of(string run) => _received.Where(p => p.Message.Run == run).ToList();

    /// <summary>Waits until <paramref name="run"/> has at least <paramref name="count"/> probes; returns them either way.</summary>
    public Task<IReadOnlyList<ReceivedProbe>> WaitForAsync(string run, int count, TimeSpan timeout) =>
        WaitForAsync(run, probes => probes.Count >= count, timeout);

    /// <summary>Waits until the probes of <paramref name="run"/> satisfy <paramref name="done"/>; returns them either way.</summary>
    public async Task<IReadOnlyList<ReceivedProbe>> WaitForAsync(string run, Func<IReadOnlyList<ReceivedProbe>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(Of(run)) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return Of(run);
    }
}
