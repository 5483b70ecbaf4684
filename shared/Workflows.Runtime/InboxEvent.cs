using System.Text;
using System.Text.Json;

namespace Workflows.Runtime;

/// <summary>An event sent to an instance, held in its inbox until a wait consumes it.</summary>
/// <param name="InstanceId">The instance the event is for.</param>
/// <param name="EventId">The sender's id for the event; a second event with the same id is a duplicate.</param>
/// <param name="Type">The event type.</param>
/// <param name="PayloadJson">The payload as JSON.</param>
/// <param name="Timestamp">When the event was received.</param>
public sealed record InboxEvent(string InstanceId, string EventId, string Type, string PayloadJson, DateTimeOffset Timestamp)
{
    /// <summary>
    /// The JSON stored as <see cref="StepRecord.ResultJson"/> of the wait step that consumed this event:
    /// <c>{"type":…,"payload":…,"timestamp":…}</c>. Every store must use this when it completes a wait.
    /// </summary>
    /// <returns>The step result JSON.</returns>
    public string ToResultJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", Type);
            writer.WritePropertyName("payload");
            writer.WriteRawValue(string.IsNullOrWhiteSpace(PayloadJson) ? "null" : PayloadJson);
            writer.WriteString("timestamp", Timestamp);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
