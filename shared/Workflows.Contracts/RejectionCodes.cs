namespace Workflows.Contracts;

/// <summary>
/// Why a request was refused: the <c>Code</c> of <see cref="EventRejected"/>, <see cref="InstancesRejected"/> and
/// <see cref="InstanceCommandRejected"/>. Part of the wire contract, like the records; the Api maps each to a status.
/// </summary>
public static class RejectionCodes
{
    /// <summary>No instance has the id (an event: 404).</summary>
    public const string NotFound = "not-found";

    /// <summary>The instance has ended and takes no new event (409).</summary>
    public const string Finished = "finished";

    /// <summary>The input breaks one of the engine's input rules: malformed, too deep, not valid Unicode, a NUL, a bad id, name or type (400).</summary>
    public const string Invalid = "invalid";

    /// <summary>The input is over its size limit (413).</summary>
    public const string TooLarge = "too-large";

    /// <summary>The event id (an <c>Idempotency-Key</c>) was already used for an event with another type or payload (409).</summary>
    public const string KeyReused = "key-reused";

    /// <summary>The instance's inbox already holds <c>Workflows:MaxBufferedEvents</c> events no wait has taken (409).</summary>
    public const string InboxFull = "inbox-full";

    /// <summary>No Executor has registered the workflow (404).</summary>
    public const string UnknownWorkflow = "unknown-workflow";

    /// <summary>A restart names a step the instance's history does not hold (400).</summary>
    public const string UnknownStep = "unknown-step";
}
