using System.Diagnostics;
using MassTransit;

namespace Workflows.Scheduler.Tests;

public sealed class ProbeConsumer(ReceivedProbes received) : IConsumer<ProbeMessage>
{
    public const string CustomHeader = "X-Probe";

    public Task Consume(ConsumeContext<ProbeMessage> context)
    {
        received.Add(new ReceivedProbe(
            context.Message,
            context.MessageId,
            DateTimeOffset.UtcNow,
            context.Headers.Get<string>(CustomHeader),
            context.GetSchedulingTokenId(),
            Activity.Current?.TraceId.ToString(),
            context.SupportedMessageTypes.ToArray()));
        return Task.CompletedTask;
    }
}
