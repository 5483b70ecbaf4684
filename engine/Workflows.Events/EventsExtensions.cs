using MassTransit;
using Workflows.Events.Consumers;
using Workflows.Hosting;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Events;

public static class EventsExtensions
{
    private const string Part = "events";

    /// <summary>The Events part: the per-instance event inbox on the <c>send-event</c> queue; payload limits in section <c>Workflows</c>.</summary>
    public static WorkflowsBuilder AddEvents(this WorkflowsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.TryAddPart(Part))
            return builder;
        builder.AddStorage();
        builder.Services.AddValidatedOptions<WorkflowRuntimeOptions>(WorkflowRuntimeOptions.Section);
        return builder.ConfigureBus(bus => bus.AddConsumer<SendEventConsumer, SendEventConsumerDefinition>());
    }
}
