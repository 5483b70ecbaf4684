using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>
/// The distributed stack for the schedule tests: a killed Scheduler's triggers are taken over within seconds, a slot
/// more than 8 s late counts as missed, and a second Scheduler replica can join the cluster.
/// </summary>
public sealed class ScheduleStack : DistributedStack
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Scheduler:ClusterCheckinInterval"] = "00:00:02",
        ["Scheduler:MisfireThreshold"] = "00:00:08",
        ["Scheduler:ScheduleSyncInterval"] = "00:00:05",
        // The declared schedule's upserts and the firings are logged at Information.
        ["Logging:LogLevel:Workflows"] = "Debug",
    };

    /// <summary>Starts one more Scheduler process on the same database and vhost (a second cluster node); the caller disposes it.</summary>
    public async Task<ServiceProcess> StartSchedulerReplicaAsync()
    {
        var settings = new Dictionary<string, string?>(Infrastructure.Settings);
        foreach (var (key, value) in ExtraSettings)
            settings[key] = value;
        var replica = ServiceProcess.Start("Workflows.Scheduler", settings);
        await replica.WaitUntilAliveAsync(TimeSpan.FromSeconds(120));
        return replica;
    }
}
