using System.Globalization;
using System.Text.Json;

namespace Workflows.Cli.Rendering;

/// <summary>How values read in tables and views: local times, short durations, compact JSON.</summary>
internal static class Format
{
    public const string None = "-";

    /// <summary>How <c>--json</c> and the views write JSON: the Api's camelCase, compact, as deep as the engine's answers nest.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { MaxDepth = 128 };

    public static string Time(DateTimeOffset? time) =>
        time?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? None;

    /// <summary>850ms, 3.2s, 2m05s, 1h02m.</summary>
    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 1 } => $"{Math.Max(0, (int)duration.TotalMilliseconds)}ms",
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0}s"),
        { TotalHours: < 1 } => $"{(int)duration.TotalMinutes}m{duration.Seconds:00}s",
        _ => $"{(int)duration.TotalHours}h{duration.Minutes:00}m",
    };

    /// <summary>A step's or instance's duration; one still going counts up to <paramref name="now"/> and ends with "…".</summary>
    public static string Duration(DateTimeOffset? started, DateTimeOffset? ended, DateTimeOffset now) => (started, ended) switch
    {
        (null, _) => None,
        ({ } s, { } e) => Duration(e - s),
        ({ } s, null) => Duration(now - s) + "…",
    };

    /// <summary>Compact, on one line: the engine stores JSON as jsonb, which hands it back spaced out.</summary>
    public static string Json(JsonElement? value) => value is { } v ? JsonSerializer.Serialize(v, JsonOptions) : "null";
}
