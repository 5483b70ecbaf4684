using Microsoft.Extensions.Logging;

namespace Workflows.Testing;

/// <summary>One line a host logged, as <see cref="LogCapture"/> kept it.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception)
{
    /// <summary>The values of the log scopes open when the line was logged.</summary>
    public IReadOnlyDictionary<string, object?> Scopes { get; init; } = new Dictionary<string, object?>();
}
