using Npgsql;
using Workflows.Hosting;
using Workflows.Testing;

namespace Workflows.FaultInjection.Tests;

/// <summary>
/// The distributed stack with every service on its own "host": its own network namespace, reaching PostgreSQL and
/// RabbitMQ through <see cref="ServiceNetwork"/>'s links and forwarders, so a test can cut or slow one service's path to
/// one server while the others keep theirs. The shared servers are not touched: only this fixture's namespaces, links
/// and forwarders (and its own database and vhost, as every <see cref="DistributedStack"/>). Needs root.
/// </summary>
public sealed class NetworkNamespaceStack : FastRecoveryStack
{
    // One /24 of 10.0.0.0/8 per fixture, so two runs on one machine do not collide.
    private readonly int octet = Random.Shared.Next(200, 250);
    private readonly string prefix = $"wf{Guid.NewGuid():N}"[..8];
    private readonly Dictionary<string, ServiceNetwork> networks = [];

    internal ServiceNetwork NetworkOf(string service) => networks[service];

    public override async Task InitializeAsync()
    {
        IpCommand.RequireNetworkAdministration();
        try
        {
            await base.InitializeAsync();
        }
        catch
        {
            await DeleteNetworksAsync();
            throw;
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await DeleteNetworksAsync();
    }

    protected override ServiceProcess Launch(string service, IReadOnlyDictionary<string, string?> settings, int? port)
    {
        var postgres = new NpgsqlConnectionStringBuilder(settings[PostgresSettings.Key]);
        var rabbitMq = RabbitMqAddress.Parse(settings[RabbitMqAddress.Key]);
        if (!networks.TryGetValue(service, out var network))
            networks[service] = network = ServiceNetwork.Create(
                $"{prefix}{networks.Count}", octet, networks.Count, (postgres.Host!, postgres.Port), (rabbitMq.Host, rabbitMq.Port));

        var own = new Dictionary<string, string?>(settings)
        {
            [PostgresSettings.Key] = new NpgsqlConnectionStringBuilder(postgres.ConnectionString)
            {
                Host = network.Database.HostAddress,
                Port = network.Postgres.Port,
            }.ConnectionString,
            [RabbitMqAddress.Key] = (rabbitMq with { Host = network.Broker.HostAddress, Port = (ushort)network.RabbitMq.Port }).ToUri(),
        };
        return ServiceProcess.Start(service, own, port, network.Name, network.Database.NamespaceAddress);
    }

    private async Task DeleteNetworksAsync()
    {
        foreach (var network in networks.Values)
            await network.DisposeAsync();
        networks.Clear();
    }
}
