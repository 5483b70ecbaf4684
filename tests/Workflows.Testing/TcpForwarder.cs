using System.Net;
using System.Net.Sockets;

namespace Workflows.Testing;

/// <summary>
/// A port on 127.0.0.1 that refuses connections until <see cref="Open"/>, then forwards each connection to the target:
/// PostgreSQL or RabbitMQ "coming up" for the one process that was given this port, while every other test keeps using
/// the real server.
/// </summary>
public sealed class TcpForwarder(string targetHost, int targetPort) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private Task? _accepting;

    /// <summary>The port to give the process; nothing listens on it before <see cref="Open"/>.</summary>
    public int Port { get; } = ServiceProcess.FreePort();

    /// <summary>Starts listening on <see cref="Port"/> and forwarding to the target.</summary>
    public void Open()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _accepting = AcceptAsync(_listener, _stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener?.Stop();
        if (_accepting is not null)
            await _accepting;
        lock (_connections)
            foreach (var connection in _connections)
                connection.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ForwardAsync(client, ct);
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken ct)
    {
        using var upstream = new TcpClient();
        lock (_connections)
        {
            _connections.Add(client);
            _connections.Add(upstream);
        }
        try
        {
            await upstream.ConnectAsync(targetHost, targetPort, ct);
            var down = client.GetStream();
            var up = upstream.GetStream();
            // Either side closing ends the pair, as a direct connection would.
            await Task.WhenAny(down.CopyToAsync(up, ct), up.CopyToAsync(down, ct));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended (or the forwarder is being disposed): nothing to forward any more.
        }
        finally
        {
            client.Dispose();
        }
    }
}
