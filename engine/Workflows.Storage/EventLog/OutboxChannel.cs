namespace Workflows.Storage.EventLog;

/// <summary>
/// The PostgreSQL notification channel a commit of relay-pending lifecycle events signals (a row trigger on
/// <c>instance_events</c>, migration <c>OutboxNotify</c>): the outbox relay listens on it instead of polling while idle.
/// </summary>
public static class OutboxChannel
{
    public const string Name = "workflows_outbox";
}
