using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Contracts;

namespace Workflows.Hosting;

/// <summary>The two transports a process's one bus runs on, each with the message scheduler its timers need.</summary>
internal static class BusTransports
{
    /// <summary>
    /// RabbitMQ with publisher confirms; scheduling goes to the Scheduler service, which speaks MassTransit's scheduling
    /// protocol on its queue, so plain MassTransit scheduling (and a saga's <c>Schedule</c>) works in every service.
    /// </summary>
    public static void UsingRabbitMq(this IBusRegistrationConfigurator bus, RabbitMqAddress rabbit, string connectionName, IReadOnlyList<ReceiveEndpoint> endpoints)
    {
        var scheduler = QueueNames.Address(QueueNames.Scheduler);
        bus.AddMessageScheduler(scheduler);
        bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseMessageScheduler(scheduler));
        bus.UsingRabbitMq((context, cfg) =>
        {
            cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, connectionName, h =>
            {
                h.Username(rabbit.Username);
                h.Password(rabbit.Password);
                h.PublisherConfirmation = true;
            });
            // What no consumer could handle is kept for inspection but not for ever (section Bus).
            var limits = new ErrorQueueLimits(rabbit, context.GetRequiredService<IOptions<BusOptions>>().Value,
                context.GetRequiredService<ILogger<ErrorQueueLimits>>());
            cfg.SendTopology.ConfigureErrorSettings = limits.Apply;
            cfg.SendTopology.ConfigureDeadLetterSettings = limits.Apply;
            cfg.ConnectBusObserver(limits);
            // After ConfigureEndpoints: a consumer or saga configured by hand first would be left out of its own endpoint.
            cfg.ConfigureEndpoints(context);
            foreach (var endpoint in endpoints)
                cfg.ReceiveEndpoint(endpoint.QueueName, e =>
                {
                    e.UseMessageScheduler(scheduler);
                    endpoint.Configure(context, e);
                });
        });
    }

    /// <summary>MassTransit's in-memory transport with its delayed scheduler: timers live in memory (the embedded engine restores them at start).</summary>
    public static void UsingEmbeddedBus(this IBusRegistrationConfigurator bus, IReadOnlyList<ReceiveEndpoint> endpoints)
    {
        bus.AddDelayedMessageScheduler();
        bus.UsingInMemory((context, cfg) =>
        {
            cfg.UseDelayedMessageScheduler();
            cfg.ConfigureEndpoints(context);
            foreach (var endpoint in endpoints)
                cfg.ReceiveEndpoint(endpoint.QueueName, e => endpoint.Configure(context, e));
        });
    }
}
