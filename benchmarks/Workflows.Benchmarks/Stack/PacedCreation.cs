using System.Diagnostics;
using System.Net.Http.Json;

namespace Workflows.Benchmarks.Stack;

/// <summary>
/// Single creates sent at a fixed rate, open loop (each create leaves at its time whatever the previous ones did, up to
/// <see cref="MaxInFlight"/> requests in flight): how a steady load of users would arrive.
/// </summary>
internal sealed record PacedCreation(int Accepted, int Failed, int LateSends, IReadOnlyList<double> RequestMs)
{
    public const int MaxInFlight = 256;

    /// <summary>Creates <paramref name="count"/> instances of <paramref name="workflow"/> at <paramref name="rate"/> per second; <paramref name="item"/> gives the i-th id and params.</summary>
    public static async Task<PacedCreation> SendAsync(HttpClient api, string workflow, int count, double rate, Func<int, (string Id, object? Params)> item, CancellationToken ct)
    {
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var requestMs = new List<double>(count);
        int accepted = 0, failed = 0, lateSends = 0;
        var tasks = new List<Task>(count);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed, ct);
            if (!inFlight.Wait(0))
            {
                lateSends++;
                await inFlight.WaitAsync(ct);
            }
            var (id, @params) = item(i);
            tasks.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await api.PostAsJsonAsync($"api/workflows/{workflow}/instances", new { id, @params }, ct);
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref accepted);
                    else Interlocked.Increment(ref failed);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                }
                finally
                {
                    lock (requestMs) requestMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    inFlight.Release();
                }
            }, ct));
        }
        await Task.WhenAll(tasks);
        return new PacedCreation(accepted, failed, lateSends, requestMs);
    }
}
