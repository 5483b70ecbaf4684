using MassTransit;
using Workflows.Contracts;
using Workflows.Testing;

namespace Workflows.Events.Tests.Consumers;

/// <summary>Subscribes to <see cref="EventAvailable"/> as the Orchestrator's saga does.</summary>
public sealed class EventAvailableRecorder(ReceivedMessages received) : IConsumer<EventAvailable>
{
    public Task Consume(ConsumeContext<EventAvailable> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }
}
