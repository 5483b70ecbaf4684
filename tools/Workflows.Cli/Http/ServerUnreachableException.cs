namespace Workflows.Cli.Http;

/// <summary>No HTTP answer at all: connection refused, unknown host, TLS failure or no answer in time.</summary>
internal sealed class ServerUnreachableException(string message) : Exception(message);
