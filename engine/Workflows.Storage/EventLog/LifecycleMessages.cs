using System.Diagnostics;
using System.Text.Json;
using Workflows.Client.Models;
using Workflows.Contracts;

namespace Workflows.Storage.EventLog;

/// <summary>
/// The lifecycle events that leave through the outbox (the event log), and how each is written as a log row: its
/// stream type, the status after it, its data. The relay reads them back by <see cref="InstanceEventRow.MessageType"/>.
/// </summary>
public static class LifecycleMessages
{
    private static readonly Dictionary<string, Type> Types = new Type[]
    {
        typeof(InstanceCreated), typeof(InstanceStarted), typeof(InstanceProgress), typeof(InstancePaused),
        typeof(InstanceResumed), typeof(InstanceCompleted), typeof(InstanceErrored), typeof(InstanceTerminated),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The contract type a row's <see cref="InstanceEventRow.MessageType"/> names, or null.</summary>
    public static Type? Resolve(string name) => Types.GetValueOrDefault(name);

    /// <summary>The message as the relay publishes it.</summary>
    public static object Read(InstanceEventRow row) =>
        JsonSerializer.Deserialize(row.MessageJson!, Resolve(row.MessageType!) ?? throw new InvalidOperationException($"Unknown lifecycle message type '{row.MessageType}'."))!;

    /// <summary>The message with the instance's metadata (filled in when it is published, so the saga never reads it).</summary>
    public static object WithMetadata(object message, IReadOnlyDictionary<string, string>? metadata) => metadata is null ? message : message switch
    {
        InstanceCreated m => m with { Metadata = metadata },
        InstanceStarted m => m with { Metadata = metadata },
        InstanceProgress m => m with { Metadata = metadata },
        InstancePaused m => m with { Metadata = metadata },
        InstanceResumed m => m with { Metadata = metadata },
        InstanceCompleted m => m with { Metadata = metadata },
        InstanceErrored m => m with { Metadata = metadata },
        InstanceTerminated m => m with { Metadata = metadata },
        _ => message,
    };

    /// <summary>A log row for a lifecycle message, pending relay; <paramref name="streamType"/> null keeps it out of the stream.</summary>
    public static InstanceEventRow Row<T>(string instanceId, T message, DateTimeOffset timestamp, string? streamType, string status, string? dataJson = null)
        where T : class
    {
        if (Resolve(typeof(T).Name) is null)
            throw new ArgumentException($"{typeof(T).Name} is not a lifecycle message.", nameof(message));
        return new InstanceEventRow
        {
            InstanceId = instanceId,
            Type = streamType,
            Timestamp = timestamp,
            Status = status,
            DataJson = dataJson,
            MessageType = typeof(T).Name,
            MessageJson = JsonSerializer.Serialize(message),
            MessageId = Guid.NewGuid(),
            ActivityId = Activity.Current?.Id,
            RelayPending = true,
        };
    }

    /// <summary>The row of each lifecycle message, by what the message says.</summary>
    public static InstanceEventRow Row(object message) => message switch
    {
        InstanceCreated m => Row(m.InstanceId, m, m.Timestamp, InstanceStreamEventTypes.Created, InstanceStatuses.Running),
        InstanceStarted m => Row(m.InstanceId, m, m.Timestamp, InstanceStreamEventTypes.Started, InstanceStatuses.Running),
        // A status change is for observers; the stream shows the user's progress only.
        InstanceProgress { Payload: null } m => Row(m.InstanceId, m, m.Timestamp, null, m.Status),
        InstanceProgress m => Row(m.InstanceId, m, m.Timestamp, InstanceStreamEventTypes.Progress, m.Status, m.Payload.Value.GetRawText()),
        InstancePaused m => Row(m.InstanceId, m, m.Timestamp, InstanceStreamEventTypes.Paused, InstanceStatuses.Paused),
        InstanceResumed m => Row(m.InstanceId, m, m.Timestamp, InstanceStreamEventTypes.Resumed, InstanceStatuses.Running),
        InstanceCompleted m => Row(m.InstanceId, m, m.Timestamp, InstanceStreamEventTypes.Complete, InstanceStatuses.Complete, m.OutputJson),
        InstanceErrored m => Row(m.InstanceId, m, m.Timestamp, InstanceStreamEventTypes.Errored, InstanceStatuses.Errored,
            JsonSerializer.Serialize(new { name = m.ErrorName, message = m.ErrorMessage })),
        InstanceTerminated m => Row(m.InstanceId, m, m.Timestamp, InstanceStreamEventTypes.Terminated, InstanceStatuses.Terminated),
        _ => throw new ArgumentException($"{message.GetType().Name} is not a lifecycle message.", nameof(message)),
    };
}
