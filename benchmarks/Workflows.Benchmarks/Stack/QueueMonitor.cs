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

    private QueueMonitor(HttpClient http, string vhost) => sampling = SampleAsync(http, vhost);

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
