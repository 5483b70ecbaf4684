using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Workflows.Testing;

namespace Workflows.Benchmarks.Stack;

/// <summary>
/// Samples the vhost's queue depths (RabbitMQ management API) once a second while a scenario runs and keeps each
/// queue's deepest backlog: where messages pile up is where the time goes.
/// </summary>
internal sealed class QueueMonitor : IAsyncDisposable
{
    private readonly Dictionary<string, long> deepest = [];
    private long lastTotal = -1;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;

    private readonly HttpClient http;
    private readonly string vhost;

    private QueueMonitor(HttpClient http, string vhost)
    {
        this.http = http;
        this.vhost = vhost;
        sampling = SampleAsync(http, vhost);
    }

    public static async Task<QueueMonitor> StartAsync(string rabbitMqUri)
    {
        var amqp = new Uri(rabbitMqUri);
        var management = (await InfrastructureEndpoints.GetAsync()).RabbitMqManagement;
        var http = new HttpClient { BaseAddress = management, Timeout = TimeSpan.FromSeconds(5) };
        var credentials = Uri.UnescapeDataString(amqp.UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return new QueueMonitor(http, amqp.AbsolutePath.TrimStart('/'));
    }

    /// <summary>Messages in all the vhost's queues at the last sample (-1 before the first).</summary>
    public long LastTotal => Interlocked.Read(ref lastTotal);

    /// <summary>Forgets the backlogs seen so far (those of the warm-up).</summary>
    public void Reset()
    {
        lock (deepest) deepest.Clear();
    }

    /// <summary>The queues that backed up, deepest first, e.g. <c>execute-instance 1,234</c>.</summary>
    public IReadOnlyList<(string Queue, long Messages)> Backlogs(int top)
    {
        lock (deepest)
            return deepest.Where(q => q.Value > 0).OrderByDescending(q => q.Value).Take(top).Select(q => (q.Key, q.Value)).ToList();
    }

    /// <summary>
    /// The vhost's message counters since it was created (management API: they lag up to its 5 s statistics
    /// interval, so read them once the engine has been idle that long).
    /// </summary>
    public async Task<BrokerCounters> CountersAsync(CancellationToken ct)
    {
        using var vhostInfo = JsonDocument.Parse(await http.GetStringAsync($"api/vhosts/{Uri.EscapeDataString(vhost)}", ct));
        long Count(string name) => vhostInfo.RootElement.TryGetProperty("message_stats", out var stats)
            && stats.TryGetProperty(name, out var value) && value.TryGetInt64(out var count) ? count : 0;
        return new BrokerCounters(Count("publish"), Count("confirm"), Count("deliver_get"));
    }

    private async Task SampleAsync(HttpClient http, string vhost)
    {
        using (http)
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var json = await http.GetStringAsync($"api/queues/{Uri.EscapeDataString(vhost)}?columns=name,messages", stop.Token);
                    using var queues = JsonDocument.Parse(json);
                    long total = 0;
                    lock (deepest)
                        foreach (var queue in queues.RootElement.EnumerateArray())
                            if (queue.TryGetProperty("messages", out var m) && m.TryGetInt64(out var messages))
                            {
                                var name = queue.GetProperty("name").GetString()!;
                                deepest[name] = Math.Max(messages, deepest.GetValueOrDefault(name));
                                total += messages;
                            }
                    Interlocked.Exchange(ref lastTotal, total);
                    await Task.Delay(1000, stop.Token);
                }
                catch (OperationCanceledException) { }
                catch (Exception e) when (e is HttpRequestException or JsonException)
                {
                    // A missed sample only makes the backlog figure coarser.
                }
            }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }
}
