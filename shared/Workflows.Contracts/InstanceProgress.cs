using System.Text.Json;

namespace Workflows.Contracts;

/// <summary>
/// Published on every status change that is not an end (running, waiting, waitingForPause), and when the workflow calls
/// <c>step.ReportProgress</c>: then Payload is the user's object as JSON (Status is the instance's, running).
/// </summary>
public sealed record InstanceProgress(
    string InstanceId, string Workflow, long Generation, string Status, DateTimeOffset Timestamp,
    JsonElement? Payload = null, IReadOnlyDictionary<string, string>? Metadata = null);
