using System.Globalization;
using System.Text.Json;
using MassTransit;
using Quartz;

namespace Workflows.Scheduler.Jobs;

/// <summary>
/// A scheduled message as the Quartz job data map keeps it: the serialized envelope exactly as the scheduling service
/// sent it, where it goes, and the envelope fields and headers to send it with. Only strings, so the stored rows stay
/// readable and independent of .NET types.
/// </summary>
public sealed record StoredMessage(
    Uri Destination,
    string Body,
    string ContentType,
    Guid? MessageId = null,
    Guid? TokenId = null,
    DateTimeOffset? DueAt = null,
    Guid? CorrelationId = null,
    Guid? ConversationId = null,
    Guid? InitiatorId = null,
    Guid? RequestId = null,
    Uri? SourceAddress = null,
    Uri? ResponseAddress = null,
    Uri? FaultAddress = null,
    DateTime? ExpirationTime = null,
    IReadOnlyDictionary<string, object>? Headers = null)
{
    /// <summary>What the scheduling service sent: its envelope fields and headers, with the body it asked to have sent later.</summary>
    public static StoredMessage From(ConsumeContext context, Uri destination, MessageBody body, Guid? tokenId = null, DateTimeOffset? dueAt = null) => new(
        destination,
        body.GetString(),
        context.ReceiveContext.ContentType?.ToString() ?? "application/vnd.masstransit+json",
        // A recurring message gets a fresh MessageId on every firing, so only a one-shot keeps the scheduler's.
        tokenId.HasValue ? context.MessageId : null,
        tokenId,
        dueAt,
        context.CorrelationId,
        context.ConversationId,
        context.InitiatorId,
        context.RequestId,
        context.SourceAddress,
        context.ResponseAddress,
        context.FaultAddress,
        context.ExpirationTime,
        context.Headers.GetAll().Where(h => h.Value is not null).ToDictionary(h => h.Key, h => h.Value));

    public JobDataMap ToJobData()
    {
        var map = new JobDataMap();
        void Put(string key, string? value)
        {
            if (value is not null) map[key] = value;
        }

        Put(nameof(Destination), Destination.ToString());
        Put(nameof(Body), Body);
        Put(nameof(ContentType), ContentType);
        Put(nameof(MessageId), MessageId?.ToString());
        Put(nameof(TokenId), TokenId?.ToString());
        Put(nameof(DueAt), DueAt?.ToString("O", CultureInfo.InvariantCulture));
        Put(nameof(CorrelationId), CorrelationId?.ToString());
        Put(nameof(ConversationId), ConversationId?.ToString());
        Put(nameof(InitiatorId), InitiatorId?.ToString());
        Put(nameof(RequestId), RequestId?.ToString());
        Put(nameof(SourceAddress), SourceAddress?.ToString());
        Put(nameof(ResponseAddress), ResponseAddress?.ToString());
        Put(nameof(FaultAddress), FaultAddress?.ToString());
        Put(nameof(ExpirationTime), ExpirationTime?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        if (Headers is { Count: > 0 })
            Put(nameof(Headers), JsonSerializer.Serialize(Headers));
        return map;
    }

    public static StoredMessage FromJobData(JobDataMap map) => new(
        new Uri(Text(map, nameof(Destination)) ?? throw new JobExecutionException($"The job has no {nameof(Destination)}.")),
        Text(map, nameof(Body)) ?? throw new JobExecutionException($"The job has no {nameof(Body)}."),
        Text(map, nameof(ContentType)) ?? "application/vnd.masstransit+json",
        ToGuid(Text(map, nameof(MessageId))),
        ToGuid(Text(map, nameof(TokenId))),
        Text(map, nameof(DueAt)) is { } due ? DateTimeOffset.Parse(due, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null,
        ToGuid(Text(map, nameof(CorrelationId))),
        ToGuid(Text(map, nameof(ConversationId))),
        ToGuid(Text(map, nameof(InitiatorId))),
        ToGuid(Text(map, nameof(RequestId))),
        ToUri(Text(map, nameof(SourceAddress))),
        ToUri(Text(map, nameof(ResponseAddress))),
        ToUri(Text(map, nameof(FaultAddress))),
        Text(map, nameof(ExpirationTime)) is { } expires ? DateTime.Parse(expires, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null,
        Text(map, nameof(Headers)) is { } headers ? ReadHeaders(headers) : null);

    private static string? Text(JobDataMap map, string key) =>
        map.TryGetValue(key, out var value) && value is string { Length: > 0 } text ? text : null;

    private static Guid? ToGuid(string? text) => text is null ? null : Guid.Parse(text);

    private static Uri? ToUri(string? text) => text is null ? null : new Uri(text);

    // Header values come back as the JSON primitives they were: MassTransit headers are strings, numbers and booleans.
    private static Dictionary<string, object> ReadHeaders(string json)
    {
        var headers = new Dictionary<string, object>();
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [])
        {
            object? converted = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            };
            if (converted is not null) headers[key] = converted;
        }
        return headers;
    }
}
