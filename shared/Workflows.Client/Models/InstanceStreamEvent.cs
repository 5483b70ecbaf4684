using System.Text.Json;

namespace Workflows.Client.Models;

/// <summary>
/// One event of an instance's stream (<c>GET /api/workflows/{workflow}/instances/{id}/stream</c>, Server-Sent Events): the
/// SSE <c>id</c> is <see cref="Sequence"/>, the SSE <c>event</c> is <see cref="Type"/>, the SSE <c>data</c> is this record as JSON.
/// </summary>
/// <param name="Sequence">Grows by one or more with each event of the instance; a reconnect with <c>Last-Event-ID: {Sequence}</c> continues after it.</param>
/// <param name="Type">One of <see cref="InstanceStreamEventTypes"/>.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Step">The step's name, for step, sleep and wait events.</param>
/// <param name="Attempt">The attempt's number (1, 2, …), for step events.</param>
/// <param name="Status">The instance's status after the event.</param>
/// <param name="Data">The event's own data: a step's output or error, a progress payload, an event's payload, the instance's output or error.</param>
public sealed record InstanceStreamEvent(
    long Sequence,
    string Type,
    DateTimeOffset Timestamp,
    string? Step = null,
    int? Attempt = null,
    string? Status = null,
    JsonElement? Data = null);
