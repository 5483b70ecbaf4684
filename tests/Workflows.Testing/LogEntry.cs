using Microsoft.Extensions.Logging;

namespace Workflows.Testing;

/// <summary>One line a host logged, as <see cref="LogCapture"/> kept it.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);
