using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;
using Quartz;

namespace Workflows.Scheduler.Jobs;

/// <summary>
/// Turns MassTransit's send context into the message that was scheduled: the stored envelope re-serialized with its own
/// message types, its MessageId, its envelope fields and headers, plus the scheduling headers MassTransit's own Quartz
/// integration adds (token id, due and sent times) so that a saga's <c>Schedule</c> recognises its timer.
/// </summary>
internal sealed class ForwardStoredMessagePipe(StoredMessage message, IJobExecutionContext job, DateTimeOffset due) : IPipe<SendContext>
{
    public Task Send(SendContext context)
    {
        var deserializer = context.Serialization.GetMessageDeserializer(new ContentType(message.ContentType));
        var stored = deserializer.Deserialize(deserializer.GetMessageBody(message.Body), new DictionarySendHeaders(), message.Destination);

        context.MessageId = message.MessageId ?? NewId.NextGuid();
        context.CorrelationId = message.CorrelationId;
        context.ConversationId = message.ConversationId;
        context.InitiatorId = message.InitiatorId;
        context.RequestId = message.RequestId;
        context.SourceAddress = message.SourceAddress;
        context.ResponseAddress = message.ResponseAddress;
        context.FaultAddress = message.FaultAddress;
        if (message.ExpirationTime is { } expires)
            context.TimeToLive = expires.ToUniversalTime() - DateTime.UtcNow;

        foreach (var (key, value) in message.Headers ?? new Dictionary<string, object>())
            context.Headers.Set(key, value);
        if (message.TokenId is { } tokenId)
            context.Headers.Set(MessageHeaders.SchedulingTokenId, tokenId.ToString());
        context.Headers.Set(MessageHeaders.Quartz.Scheduled, due.UtcDateTime.ToString("O"));
        context.Headers.Set(MessageHeaders.Quartz.Sent, job.FireTimeUtc.UtcDateTime.ToString("O"));
        if (job.NextFireTimeUtc is { } next)
            context.Headers.Set(MessageHeaders.Quartz.NextScheduled, next.UtcDateTime.ToString("O"));

        context.Serializer = stored.GetMessageSerializer();
        return Task.CompletedTask;
    }

    public void Probe(ProbeContext context) => context.CreateScope("forwardStoredMessage");
}
