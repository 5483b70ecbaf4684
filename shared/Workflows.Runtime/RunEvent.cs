namespace Workflows.Runtime;

/// <summary>One thing a run did, for the instance's event stream.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Timestamp">When.</param>
/// <param name="Step">The step's name (none for progress).</param>
/// <param name="Attempt">The attempt's number, for step attempts.</param>
/// <param name="DataJson">A result, an error <c>{ name, message }</c>, an event or a progress payload, as JSON.</param>
public sealed record RunEvent(RunEventKind Kind, DateTimeOffset Timestamp, string? Step = null, int? Attempt = null, string? DataJson = null);
