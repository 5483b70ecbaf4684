using MassTransit;
using Workflows.Events.Consumers;
using Workflows.Persistence;
using Workflows.Persistence.History;
using Workflows.Runtime;
using Workflows.ServiceDefaults;

namespace Workflows.Events;

public static class EventsExtensions
{
    /// <summary>The Events service: the per-instance event inbox.</summary>
    public static WebApplicationBuilder AddEventsService(this WebApplicationBuilder builder)
    {
        builder.Services.AddWorkflowsPersistence();
        builder.AddServiceDefaults(x => x.AddConsumer<SendEventConsumer, SendEventConsumerDefinition>());
        builder.Services.AddSingleton<IHistoryStore, PostgresHistoryStore>();
        builder.Services.AddOptions<WorkflowRuntimeOptions>().BindConfiguration(WorkflowRuntimeOptions.Section);
        return builder;
    }
}
