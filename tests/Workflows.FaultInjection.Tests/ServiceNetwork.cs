namespace Workflows.FaultInjection.Tests;

/// <summary>
/// One service's own network namespace, as if it ran on its own host: a link on the path to PostgreSQL and one on the
/// path to RabbitMQ (so either can be cut alone), each ending in a <see cref="PathForwarder"/> to the shared server.
/// The service listens on the PostgreSQL link's address; the test reaches its HTTP port there.
/// </summary>
internal sealed class ServiceNetwork : IAsyncDisposable
{
    private ServiceNetwork(string name, NetworkLink database, NetworkLink broker, PathForwarder postgres, PathForwarder rabbitMq)
    {
        Name = name;
        Database = database;
        Broker = broker;
        Postgres = postgres;
        RabbitMq = rabbitMq;
    }

    /// <summary>The network namespace (<c>ip netns exec {Name}</c>).</summary>
    public string Name { get; }

    /// <summary>The link on the path to PostgreSQL (and the service's HTTP address).</summary>
    public NetworkLink Database { get; }

    /// <summary>The link on the path to RabbitMQ.</summary>
    public NetworkLink Broker { get; }

    public PathForwarder Postgres { get; }

    public PathForwarder RabbitMq { get; }

    /// <summary>Creates namespace <paramref name="name"/> (at most 12 characters) and its two links on <c>10.{octet}.{index}.0/30</c> and <c>.4/30</c>.</summary>
    public static ServiceNetwork Create(string name, int octet, int index, (string Host, int Port) postgres, (string Host, int Port) rabbitMq)
    {
        IpCommand.Run("netns", "add", name);
        IpCommand.Run("-n", name, "link", "set", "lo", "up");
        var database = NetworkLink.Create(name + "d", name, $"10.{octet}.{index}", 0);
        var broker = NetworkLink.Create(name + "m", name, $"10.{octet}.{index}", 4);
        return new ServiceNetwork(name, database, broker,
            new PathForwarder(database.HostAddress, postgres.Host, postgres.Port),
            new PathForwarder(broker.HostAddress, rabbitMq.Host, rabbitMq.Port));
    }

    public async ValueTask DisposeAsync()
    {
        await Postgres.DisposeAsync();
        await RabbitMq.DisposeAsync();
        Database.Delete();
        Broker.Delete();
        IpCommand.Run(true, "netns", "del", Name);
    }
}
