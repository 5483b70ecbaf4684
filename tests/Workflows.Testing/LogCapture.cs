using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Workflows.Testing;

/// <summary>Keeps everything a host logs, with the values of its scopes, for assertions: <c>builder.Logging.AddProvider(capture)</c>.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Every line so far, in the order logged.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>The key/value pairs of the scopes open where the line is logged (outermost first; an inner key wins).</summary>
    private Dictionary<string, object?> ScopeValues()
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        _scopes.ForEachScope(static (scope, into) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                foreach (var (key, value) in pairs)
                    into[key] = value;
            else if (scope is IEnumerable<KeyValuePair<string, object>> objects)
                foreach (var (key, value) in objects)
                    into[key] = value;
        }, values);
        return values;
    }

    private sealed class Logger(string category, LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            capture._entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception) { Scopes = capture.ScopeValues() });
        }
    }
}
