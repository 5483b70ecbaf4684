using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Workflows.Benchmarks.Stack;

/// <summary>
/// Bytes each service allocates while it runs: one EventPipe session per process on the runtime's own counters
/// (<c>System.Runtime</c>, <c>alloc-rate</c> once a second), summed. Nothing in the services changes, and a counter
/// event a second costs them nothing measurable.
/// </summary>
internal sealed class AllocationMeter : IDisposable
{
    private readonly List<(string Service, EventPipeSession Session, Task<double> Sum)> sessions = [];

    private AllocationMeter() { }

    public static AllocationMeter Start(IReadOnlyDictionary<string, int> services)
    {
        var meter = new AllocationMeter();
        foreach (var (service, pid) in services)
        {
            var session = new DiagnosticsClient(pid).StartEventPipeSession(
                [new EventPipeProvider("System.Runtime", EventLevel.Informational, 0, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" })],
                requestRundown: false);
            meter.sessions.Add((service.Replace("Workflows.", "", StringComparison.Ordinal), session, Task.Run(() => SumAllocations(session))));
        }
        return meter;
    }

    /// <summary>Stops the sessions and returns the bytes each service allocated since the start.</summary>
    public async Task<IReadOnlyList<(string Service, double Bytes)>> StopAsync()
    {
        foreach (var (_, session, _) in sessions)
            await session.StopAsync(CancellationToken.None);
        var totals = new List<(string, double)>();
        foreach (var (service, _, sum) in sessions)
            totals.Add((service, await sum));
        return totals;
    }

    private static double SumAllocations(EventPipeSession session)
    {
        double bytes = 0;
        using var source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += e =>
        {
            if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer
                || outer["Payload"] is not IDictionary<string, object> payload || payload["Name"] as string != "alloc-rate")
                return;
            bytes += Convert.ToDouble(payload["Increment"], System.Globalization.CultureInfo.InvariantCulture);
        };
        source.Process();
        return bytes;
    }

    public void Dispose()
    {
        foreach (var (_, session, _) in sessions)
            session.Dispose();
    }
}
