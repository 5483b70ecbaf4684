using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflows.Client.Observers;

/// <summary>Adds lifecycle observers to the Workflows client.</summary>
public static class LifecycleObserverBuilderExtensions
{
    /// <summary>The setting the observers' bus connects with: an <c>amqp://user:pass@host:port/vhost</c> URI, as the engine's services use.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:RabbitMq";

    // Deliveries an observer's endpoint holds ahead of the one it is handling.
    private const int Prefetch = 32;

    /// <summary>
    /// Makes <typeparamref name="TObserver"/> receive the engine's lifecycle events from RabbitMQ (its own bus connection,
    /// from <see cref="ConnectionStringKey"/>, and its own durable queue), filtered by <paramref name="configure"/>.
    /// </summary>
    /// <typeparam name="TObserver">The observer, resolved from a new scope for each event.</typeparam>
    /// <param name="builder">The client's builder.</param>
    /// <param name="configure">Workflows and metadata to filter by, and the queue name.</param>
    /// <returns>The builder.</returns>
    public static WorkflowsClientBuilder AddLifecycleObserver<TObserver>(this WorkflowsClientBuilder builder, Action<LifecycleObserverOptions>? configure = null)
        where TObserver : class, ILifecycleObserver
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new LifecycleObserverOptions();
        configure?.Invoke(options);
        var services = builder.Services;
        services.TryAddScoped<TObserver>();
        services.AddSingleton(new LifecycleObserverRegistration(typeof(TObserver), options));
        // One bus for every observer of the process; each observer is an endpoint of it.
        if (services.Any(s => s.ServiceType == typeof(ILifecycleBus)))
            return builder;
        services.AddMassTransit<ILifecycleBus>(bus => bus.UsingRabbitMq((context, cfg) =>
        {
            var uri = context.GetRequiredService<IConfiguration>()[ConnectionStringKey];
            if (string.IsNullOrWhiteSpace(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var address))
                throw new InvalidOperationException($"{ConnectionStringKey} is not set to an amqp://user:pass@host:port/vhost URI: the lifecycle observers need it.");
            cfg.Host(address);
            foreach (var registration in context.GetServices<LifecycleObserverRegistration>())
                cfg.ReceiveEndpoint(registration.QueueName, e =>
                {
                    // An instance's events reach its observer in the order the relay published them: one event at a time.
                    // (A partitioner by instance would not keep that order: deliveries race to it on parallel workers.)
                    e.ConcurrentMessageLimit = 1;
                    e.PrefetchCount = Prefetch;
                    e.Consumer(() => new LifecycleObserverConsumer(registration, context));
                });
        }));
        return builder;
    }
}
