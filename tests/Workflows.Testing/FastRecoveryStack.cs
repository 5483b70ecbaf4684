namespace Workflows.Testing;

/// <summary>Short leases and deadlines so a killed service's work is taken over within seconds.</summary>
public class FastRecoveryStack : DistributedStack
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Executor:LeaseDuration"] = "00:00:03",
        ["Orchestrator:RunDeadline"] = "00:00:05",
        ["Orchestrator:WakeGrace"] = "00:00:05",
        ["Orchestrator:ReconcileInterval"] = "00:00:01",
        ["Scheduler:ClusterCheckinInterval"] = "00:00:01",
        ["Api:RequestTimeout"] = "00:00:03",
        ["Logging:LogLevel:Workflows.Samples"] = "Information",
    };
}
