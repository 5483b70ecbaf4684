using System.Text.Json;

namespace Workflows.Client.Observers;

/// <summary>What an <see cref="ILifecycleObserver"/> is told about one lifecycle event of one instance.</summary>
/// <param name="Kind">Which event.</param>
/// <param name="InstanceId">The instance's id.</param>
/// <param name="Workflow">The instance's workflow.</param>
/// <param name="Generation">The instance's generation (grows with each restart).</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="MessageId">
/// The message's id: the engine publishes each event at least once, and a republish (after an Orchestrator crash) has the
/// same id, so an observer that must act once de-duplicates by it.
/// </param>
/// <param name="Metadata">The instance's metadata, when it has some.</param>
/// <param name="Progress">For <see cref="LifecycleEventKind.Progress"/>: the payload the workflow reported.</param>
/// <param name="Output">For <see cref="LifecycleEventKind.Completed"/>: the workflow's output.</param>
/// <param name="ErrorName">For <see cref="LifecycleEventKind.Errored"/>: the error's name.</param>
/// <param name="ErrorMessage">For <see cref="LifecycleEventKind.Errored"/>: the error's message.</param>
public sealed record LifecycleEvent(
    LifecycleEventKind Kind,
    string InstanceId,
    string Workflow,
    long Generation,
    DateTimeOffset Timestamp,
    Guid? MessageId,
    IReadOnlyDictionary<string, string>? Metadata = null,
    JsonElement? Progress = null,
    JsonElement? Output = null,
    string? ErrorName = null,
    string? ErrorMessage = null);
