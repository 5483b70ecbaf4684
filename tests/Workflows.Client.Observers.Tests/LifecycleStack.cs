using Workflows.Testing;

namespace Workflows.Client.Observers.Tests;

/// <summary>The distributed stack with a callback secret and short intervals, so callbacks retry and streams update quickly.</summary>
public sealed class LifecycleStack : DistributedStack
{
    /// <summary>The Standard Webhooks secret the Orchestrator signs callbacks with (32 bytes).</summary>
    public const string CallbackSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5ZqM6jxKWHs=";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Workflows:Callbacks:Secret"] = CallbackSecret,
        ["Workflows:Callbacks:FirstRetryDelay"] = "00:00:00.200",
        ["Workflows:Callbacks:PollInterval"] = "00:00:00.100",
        ["Orchestrator:OutboxPollInterval"] = "00:00:00.050",
        ["Api:StreamPollInterval"] = "00:00:00.100",
        // A killed Orchestrator's dispatched runs are found again soon.
        ["Orchestrator:ReconcileInterval"] = "00:00:01",
        ["Orchestrator:RunDeadline"] = "00:00:10",
    };
}
