using MassTransit;
using MassTransit.RabbitMqTransport;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Workflows.Hosting;

/// <summary>
/// Gives every endpoint's <c>_error</c> and <c>_skipped</c> queue a message TTL and a maximum length (section <c>Bus</c>),
/// except a queue that already exists with other arguments (an earlier version's, without limits, or older settings'):
/// RabbitMQ refuses to declare an existing queue with other arguments, and MassTransit would then redeliver every message
/// that faults on that endpoint in a tight loop. Each such queue is checked once while the bus is built, on a connection
/// of its own that is closed when the bus has been created.
/// </summary>
internal sealed class ErrorQueueLimits(RabbitMqAddress rabbit, BusOptions options, ILogger<ErrorQueueLimits> logger) : IBusObserver
{
    private const ushort NotFound = 404;
    private const ushort PreconditionFailed = 406;

    private IConnection? _connection;
    private bool _unreachable;

    /// <summary>For <c>ConfigureErrorSettings</c> and <c>ConfigureDeadLetterSettings</c>: the limits, unless the queue exists with other arguments.</summary>
    public void Apply(IRabbitMqQueueBindingConfigurator queue)
    {
        var limits = new Dictionary<string, object?>
        {
            ["x-message-ttl"] = (long)options.ErrorQueueTtl.TotalMilliseconds,
            ["x-max-length"] = options.ErrorQueueMaxLength,
            ["x-overflow"] = "drop-head",
        };
        if (queue is EntitySettings settings && DeclaredOtherwise(settings, limits))
        {
            logger.LogWarning("Queue {Queue} was created with other arguments than Bus:ErrorQueueTtl and Bus:ErrorQueueMaxLength give (by an earlier " +
                              "version, or before they changed) and keeps them: RabbitMQ cannot change an existing queue's arguments. Move or " +
                              "purge its messages and delete it to apply the settings.", settings.ExchangeName);
            return;
        }
        foreach (var (key, value) in limits)
            queue.SetQueueArgument(key, value);
    }

    // Bus building is synchronous (MassTransit calls the topology callbacks while it builds the endpoints), so the check waits.
    private bool DeclaredOtherwise(EntitySettings queue, Dictionary<string, object?> limits) =>
        DeclaredOtherwiseAsync(queue, limits).GetAwaiter().GetResult();

    private async Task<bool> DeclaredOtherwiseAsync(EntitySettings queue, Dictionary<string, object?> limits)
    {
        var connection = await ConnectAsync();
        if (connection is null)
            return false;
        try
        {
            await using (var exists = await connection.CreateChannelAsync())
                await exists.QueueDeclarePassiveAsync(queue.ExchangeName);
            // It exists: a declaration with the limits succeeds only if it was created with them.
            await using var same = await connection.CreateChannelAsync();
            await same.QueueDeclareAsync(queue.ExchangeName, queue.Durable, exclusive: false, queue.AutoDelete, limits);
            return false;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
        {
            return false;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == PreconditionFailed)
        {
            return true;
        }
    }

    /// <summary>The check's connection; null when RabbitMQ does not answer now (then MassTransit creates the queues later, with the limits).</summary>
    private async Task<IConnection?> ConnectAsync()
    {
        if (_connection is not null || _unreachable)
            return _connection;
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host,
            Port = rabbit.Port,
            VirtualHost = rabbit.VirtualHost,
            UserName = rabbit.Username,
            Password = rabbit.Password,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            ClientProvidedName = "workflows error queue check",
        };
        try
        {
            return _connection = await factory.CreateConnectionAsync();
        }
        catch (BrokerUnreachableException)
        {
            _unreachable = true;
            return null;
        }
    }

    private void Close()
    {
        _connection?.Dispose();
        _connection = null;
    }

    public void PostCreate(IBus bus) => Close();

    public void CreateFaulted(Exception exception) => Close();

    public Task PreStart(IBus bus) => Task.CompletedTask;

    public Task PostStart(IBus bus, Task<BusReady> busReady) => Task.CompletedTask;

    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    public Task PreStop(IBus bus) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
