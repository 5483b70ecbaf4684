using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Workflows.FaultInjection.Tests;

/// <summary>
/// The path from one service's network namespace to PostgreSQL or RabbitMQ: a userland TCP proxy listening on the
/// root end of the service's <see cref="NetworkLink"/> and forwarding to the shared server on 127.0.0.1 (which listens
/// on loopback only). Without netem in the kernel, it is also where latency and loss are made: with
/// <see cref="Impair"/>, every chunk waits <c>latency</c> in each direction (in order, so a connection stays a
/// stream) and connections are reset at random (a new one with <c>resetChance</c>, an open one with a tenth of it
/// per chunk), which is what loss turns into for an application over TCP: stalls and broken connections.
/// </summary>
internal sealed class PathForwarder : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> open = [];
    private readonly Task accepting;
    private volatile Impairment impairment = Impairment.None;
    private int resets;

    public PathForwarder(string address, string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Connections reset on purpose since the last <see cref="Impair"/>.</summary>
    public int Resets => resets;

    public void Impair(TimeSpan latency, double resetChance)
    {
        resets = 0;
        impairment = new Impairment(latency, resetChance);
    }

    public void Restore() => impairment = Impairment.None;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        lock (open)
            foreach (var connection in open)
                connection.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                _ = ForwardAsync(await listener.AcceptTcpClientAsync(stopping.Token));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        lock (open)
        {
            open.Add(client);
            open.Add(upstream);
        }
        try
        {
            await upstream.ConnectAsync(targetHost, targetPort, stopping.Token);
            if (Random.Shared.NextDouble() < impairment.ResetChance)
            {
                Reset(client, upstream);
                return;
            }
            // Either side ending ends the pair, as a direct connection would.
            await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended, was reset, or the forwarder is being disposed.
        }
        finally
        {
            client.Dispose();
            lock (open)
            {
                open.Remove(client);
                open.Remove(upstream);
            }
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var pending = Channel.CreateUnbounded<(long Due, byte[] Data)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = WriteAsync(pending.Reader, to.GetStream());
        var source = from.GetStream();
        var buffer = new byte[16 * 1024];
        try
        {
            for (int read; (read = await source.ReadAsync(buffer, stopping.Token)) > 0;)
            {
                var now = impairment;
                if (now.ResetChance > 0 && Random.Shared.NextDouble() < now.ResetChance / 10)
                {
                    Reset(from, to);
                    return;
                }
                pending.Writer.TryWrite((Stopwatch.GetTimestamp() + (long)(now.Latency.TotalSeconds * Stopwatch.Frequency), buffer[..read]));
            }
        }
        finally
        {
            pending.Writer.TryComplete();
            await writing;
        }
    }

    private async Task WriteAsync(ChannelReader<(long Due, byte[] Data)> pending, NetworkStream target)
    {
        try
        {
            await foreach (var (due, data) in pending.ReadAllAsync(stopping.Token))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, stopping.Token);
                await target.WriteAsync(data, stopping.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The other side is gone: the pump's read ends too.
        }
    }

    /// <summary>Both sides get a TCP RST (linger 0), as when a lost segment ends in a broken connection.</summary>
    private void Reset(TcpClient a, TcpClient b)
    {
        Interlocked.Increment(ref resets);
        foreach (var side in new[] { a, b })
        {
            try
            {
                side.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already closed: nothing to reset.
            }
            side.Dispose();
        }
    }

    private sealed record Impairment(TimeSpan Latency, double ResetChance)
    {
        public static readonly Impairment None = new(TimeSpan.Zero, 0);
    }
}
