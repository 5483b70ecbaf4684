namespace Workflows.Client.Streaming;

/// <summary>One Server-Sent Event as it came over the wire: its <c>id</c>, <c>event</c> and joined <c>data</c> lines.</summary>
internal sealed record ServerSentEvent(string? Id, string Type, string Data);
