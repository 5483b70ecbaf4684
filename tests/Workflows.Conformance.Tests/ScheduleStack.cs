using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>
/// The distributed stack for the schedule tests: a killed Scheduler's triggers are taken over within seconds, a slot
/// more than 5 s late counts as missed, and a second Scheduler replica can join the cluster.
/// </summary>
public sealed class ScheduleStack : DistributedStack
{
    private readonly List<ServiceProcess> _replicas = [];

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Scheduler:ClusterCheckinInterval"] = "00:00:02",
        ["Scheduler:MisfireThreshold"] = "00:00:05",
        ["Scheduler:ScheduleSyncInterval"] = "00:00:05",
    };

    /// <summary>Starts one more Scheduler process on the same database and vhost (a second cluster node).</summary>
    public async Task<ServiceProcess> StartSchedulerReplicaAsync()
    {
        var settings = new Dictionary<string, string?>(Infrastructure.Settings);
        foreach (var (key, value) in ExtraSettings)
            settings[key] = value;
        var replica = ServiceProcess.Start("Workflows.Scheduler", settings, ServiceProcess.FreePort());
        _replicas.Add(replica);
        await replica.WaitUntilAliveAsync(TimeSpan.FromSeconds(120));
        return replica;
    }

    public override async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
            await replica.DisposeAsync();
        await base.DisposeAsync();
    }
}
