using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Workflows.Contracts;
using Workflows.Hosting;

namespace Workflows.Orchestrator.Reconciliation;

/// <summary>
/// The Executors' queues' ready messages, read with a passive declare on a connection of its own (opened on first use,
/// again after it dropped). A queue that does not exist yet holds nothing.
/// </summary>
internal sealed class RabbitMqExecutorBacklog(RabbitMqAddress rabbit) : IExecutorBacklog, IAsyncDisposable
{
    private const ushort NotFound = 404;
    private static readonly string[] Lanes = [QueueNames.ExecuteInstance, QueueNames.ExecuteInstancePrompt];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<bool> IsEmptyAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var connection = await ConnectAsync(ct);
            foreach (var queue in Lanes)
                if (await ReadyAsync(connection, queue, ct) > 0)
                    return false;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<uint> ReadyAsync(IConnection connection, string queue, CancellationToken ct)
    {
        // A failed passive declare closes its channel: one channel per question.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
        {
            return 0;
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken ct)
    {
        if (_connection is { IsOpen: true })
            return _connection;
        if (_connection is not null)
            await _connection.DisposeAsync();
        _connection = null;
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host,
            Port = rabbit.Port,
            VirtualHost = rabbit.VirtualHost,
            UserName = rabbit.Username,
            Password = rabbit.Password,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            ClientProvidedName = "workflows executor backlog",
        };
        return _connection = await factory.CreateConnectionAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
