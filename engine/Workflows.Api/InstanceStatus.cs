using System.Text.Json;

namespace Workflows.Api;

/// <summary>The API's status strings: the saga state name in camelCase.</summary>
internal static class InstanceStatus
{
    public const string Unknown = "unknown";

    private static readonly string[] States = ["Running", "Waiting", "Paused", "WaitingForPause", "Complete", "Errored", "Terminated"];

    private static readonly Dictionary<string, string> StatusByState =
        States.ToDictionary(s => s, JsonNamingPolicy.CamelCase.ConvertName, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> StateByStatus =
        States.ToDictionary(JsonNamingPolicy.CamelCase.ConvertName, s => s, StringComparer.Ordinal);

    /// <summary>All statuses a list can be filtered by.</summary>
    public static IEnumerable<string> Known => StateByStatus.Keys;

    /// <summary>"WaitingForPause" (or "waitingForPause") → "waitingForPause"; anything else → "unknown".</summary>
    public static string FromState(string? state) =>
        state is not null && StatusByState.TryGetValue(state, out var status) ? status : Unknown;

    /// <summary>"waitingForPause" → "WaitingForPause"; null when the status is not one of <see cref="Known"/>.</summary>
    public static string? ToState(string status) => StateByStatus.GetValueOrDefault(status);
}
