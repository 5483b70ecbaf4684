using System.Diagnostics;
using System.Net.Http.Json;

namespace Workflows.Benchmarks.Stack;

/// <summary>How a run of batch creates went: the acceptance rate is <see cref="Accepted"/> over <see cref="Elapsed"/>.</summary>
internal sealed record BatchCreation(int Accepted, int Rejected, DateTime FirstSentAt, TimeSpan Elapsed, IReadOnlyList<string> Errors)
{
    public double AcceptedPerSecond => Accepted / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>
    /// POSTs the items to the batch endpoint, 100 per request, <paramref name="concurrency"/> requests at a time.
    /// A rejected batch is counted, not retried (a 503 may still have created it).
    /// </summary>
    public static async Task<BatchCreation> SendAsync(HttpClient api, string workflow, IReadOnlyList<(string Id, object? Params)> items, int concurrency, CancellationToken ct)
    {
        var batches = items.Chunk(100).ToArray();
        var next = -1;
        int accepted = 0, rejected = 0;
        var errors = new List<string>();
        var firstSentAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();

        async Task SendAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Length)
            {
                var batch = batches[index];
                try
                {
                    using var response = await api.PostAsJsonAsync(
                        $"api/workflows/{workflow}/instances/batch", batch.Select(i => new { id = i.Id, @params = i.Params }), ct);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Add(ref accepted, batch.Length);
                        continue;
                    }
                    Record($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Record(e.Message);
                }
                Interlocked.Add(ref rejected, batch.Length);
            }
        }

        void Record(string error)
        {
            lock (errors)
                if (errors.Count < 5) errors.Add(error.Length > 300 ? error[..300] : error);
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(SendAsync, ct)));
        return new BatchCreation(accepted, rejected, firstSentAt, clock.Elapsed, errors);
    }
}
