using MassTransit;
using Workflows.Events.Consumers;
using Workflows.Persistence;
using Workflows.Runtime;
using Workflows.ServiceDefaults;

namespace Workflows.Events;

public static class EventsExtensions
{
    /// <summary>The Events service: its parts (<see cref="AddEventsConsumers"/>, <see cref="AddEventsServices"/>) on PostgreSQL and RabbitMQ.</summary>
    public static WebApplicationBuilder AddEventsService(this WebApplicationBuilder builder)
    {
        builder.Services.AddWorkflowsPersistence();
        builder.AddServiceDefaults(x => x.AddEventsConsumers());
        builder.Services.AddEventsServices();
        return builder;
    }

    /// <summary>The bus side: the per-instance event inbox on the <c>send-event</c> queue.</summary>
    public static IBusRegistrationConfigurator AddEventsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<SendEventConsumer, SendEventConsumerDefinition>();
        return bus;
    }

    /// <summary>The process side: the payload limits (section <c>Workflows</c>). Needs an <c>IHistoryStore</c> and a <c>WorkflowsDbContext</c> factory.</summary>
    public static IServiceCollection AddEventsServices(this IServiceCollection services)
    {
        services.AddOptions<WorkflowRuntimeOptions>().BindConfiguration(WorkflowRuntimeOptions.Section);
        return services;
    }
}
