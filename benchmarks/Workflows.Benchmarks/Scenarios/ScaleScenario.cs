using System.Diagnostics;
using Workflows.Benchmarks.Results;
using Workflows.Benchmarks.Stack;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// Parked instances: N instances of <c>approval { timeout: "1 day" }</c>; once all are <c>Waiting</c>, each service's
/// resident memory (VmRSS; and the five together as proportional set size, Pss) and CPU over 10 idle seconds (utime +
/// stime, once every queue has drained); then one <c>approval</c> event to every
/// instance, concurrently, and the time from the first event to the last completion.
/// </summary>
internal sealed class ScaleScenario : IScenario
{
    internal const string Prefix = "park-";
    private const double MiB = 1024 * 1024;
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);

    public string Name => "scale";

    public bool NeedsEngine => true;

    public TimeSpan Budget(BenchmarkOptions options) => options.Size(TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(3));

    public async Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct)
    {
        var engine = context.Stack;
        var count = context.Options.Size(100_000, 2_000);
        var baseline = engine.ProcessIds.Values.Sum(pid => ServiceResources.Read(pid).ResidentBytes);
        result.Add("resident before parking, all services", baseline / MiB, "MiB");

        Progress.Write($"  parking {count:N0} × approval {{ timeout: \"1 day\" }}");
        var items = Enumerable.Range(0, count).Select(i => ($"{Prefix}{i:D6}", (object?)new { timeout = "1 day" })).ToList();
        var creation = await engine.CreateInBatchesAsync("approval", items, concurrency: 4, ct);
        result.Notes.AddRange(creation.Errors.Select(e => "create failed: " + e));
        result.Add("creation acceptance rate", creation.AcceptedPerSecond, "instances/s");

        // Parking must leave time for the drain: at most two thirds of the budget.
        var parkDeadline = DateTime.UtcNow + (context.Deadline - DateTime.UtcNow) * 2 / 3;
        var parked = await engine.WaitForAsync(Prefix, c => c.Waiting >= creation.Accepted, parkDeadline, "parking", ct);
        result.Add("parked instances", parked.Waiting, "");
        result.Add("create → all parked", (DateTime.UtcNow - creation.FirstSentAt).TotalSeconds, "s");
        // Waiting comes before the wait's timeout timer is stored: measure idle only once every queue is empty.
        if (!await engine.WaitUntilQueuesEmptyAsync(parkDeadline, ct))
            result.Notes.Add($"queues still held {engine.Queues.LastTotal:N0} messages when the idle window began");
        result.Add("create → queues empty", (DateTime.UtcNow - creation.FirstSentAt).TotalSeconds, "s");

        await MeasureIdleAsync(engine.ProcessIds, result, baseline, parked.Waiting, ct);

        Progress.Write($"  sending {parked.Waiting:N0} approval events");
        var delivery = await SendEventsAsync(engine.Api, creation.Accepted, concurrency: 16, ct);
        result.Add("events accepted/s", delivery.Accepted / delivery.Elapsed.TotalSeconds, "1/s");
        if (delivery.Failed > 0) result.Add("events failed", delivery.Failed, "");

        var drained = await engine.WaitForAsync(Prefix, c => c.Finished >= creation.Accepted, context.Deadline, "drain", ct);
        var drainSeconds = ((drained.LastEndedAt ?? DateTime.UtcNow) - delivery.FirstSentAt).TotalSeconds;
        result.Add("instances complete", drained.Complete, "");
        result.Add("first event → last completion", drainSeconds, "s");
        result.Add("drain rate", drained.Complete / drainSeconds, "instances/s");
        result.Completed = parked.Waiting >= creation.Accepted && drained.Finished >= creation.Accepted;
    }

    /// <summary>Each process's resident memory and its CPU over <see cref="IdleWindow"/>, then the totals (resident and proportional).</summary>
    internal static async Task MeasureIdleAsync(IReadOnlyDictionary<string, int> pids, ScenarioResult result, long baseline, long parked, CancellationToken ct)
    {
        var before = pids.ToDictionary(p => p.Key, p => ServiceResources.Read(p.Value));
        await Task.Delay(IdleWindow, ct);
        var after = pids.ToDictionary(p => p.Key, p => ServiceResources.Read(p.Value));

        foreach (var (service, usage) in after)
        {
            var name = service.Replace("Workflows.", "", StringComparison.Ordinal);
            result.Add($"resident, {name}", usage.ResidentBytes / MiB, "MiB");
            result.Add($"proportional, {name}", usage.ProportionalBytes / MiB, "MiB");
            result.Add($"proportional anonymous, {name}", usage.ProportionalAnonymousBytes / MiB, "MiB");
            result.Add($"CPU while parked, {name}", (usage.CpuTime - before[service].CpuTime) / IdleWindow * 100, "% of a core");
        }
        var total = after.Values.Sum(u => u.ResidentBytes);
        if (pids.Count > 1)
            result.Add("resident, all services", total / MiB, "MiB");
        // Resident counts the pages the services share (runtime, assemblies) once per process; their proportional shares do not.
        result.Add(pids.Count > 1 ? "proportional (PSS), all services" : "proportional (PSS)", after.Values.Sum(u => u.ProportionalBytes) / MiB, "MiB");
        if (parked > 0) result.Add("resident per parked instance", (total - baseline) / (double)parked, "bytes");
    }

    /// <summary>One <c>approval</c> event to each parked instance, <paramref name="concurrency"/> at a time.</summary>
    internal static async Task<(int Accepted, int Failed, DateTime FirstSentAt, TimeSpan Elapsed)> SendEventsAsync(
        HttpClient api, int count, int concurrency, CancellationToken ct)
    {
        var next = -1;
        int accepted = 0, failed = 0;
        var firstSentAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();

        async Task SendAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    using var body = new StringContent("""{"approved":true}""", System.Text.Encoding.UTF8, "application/json");
                    using var response = await api.PostAsync($"api/workflows/approval/instances/{Prefix}{i:D6}/events/approval", body, ct);
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref accepted);
                    else Interlocked.Increment(ref failed);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(SendAsync, ct)));
        return (accepted, failed, firstSentAt, clock.Elapsed);
    }
}
