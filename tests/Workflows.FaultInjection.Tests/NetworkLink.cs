namespace Workflows.FaultInjection.Tests;

/// <summary>
/// A veth pair from the root network namespace into a service's namespace, each end with an address of one /30. The
/// kernel here has no netem qdisc and no iptables, so a cut is the host end set down (packets are dropped silently,
/// connections hang as on a failed switch, nothing is reset) and the heal is setting it up again.
/// </summary>
internal sealed class NetworkLink
{
    private readonly string hostEnd;
    private readonly string namespaceEnd;
    private readonly string networkNamespace;

    private NetworkLink(string name, string networkNamespace, string subnet, int offset)
    {
        hostEnd = name + "h";
        namespaceEnd = name + "n";
        this.networkNamespace = networkNamespace;
        HostAddress = $"{subnet}.{offset + 1}";
        NamespaceAddress = $"{subnet}.{offset + 2}";
    }

    /// <summary>The root namespace's end: where the forwarders to PostgreSQL and RabbitMQ listen.</summary>
    public string HostAddress { get; }

    /// <summary>The service's end.</summary>
    public string NamespaceAddress { get; }

    /// <summary>Creates the pair <c>{name}h</c>/<c>{name}n</c> (name at most 14 characters) on <c>{subnet}.{offset}/30</c> (subnet e.g. "10.213.7").</summary>
    public static NetworkLink Create(string name, string networkNamespace, string subnet, int offset)
    {
        var link = new NetworkLink(name, networkNamespace, subnet, offset);
        IpCommand.Run("link", "add", link.hostEnd, "type", "veth", "peer", "name", link.namespaceEnd);
        IpCommand.Run("link", "set", link.namespaceEnd, "netns", networkNamespace);
        IpCommand.Run("addr", "add", link.HostAddress + "/30", "dev", link.hostEnd);
        IpCommand.Run("-n", networkNamespace, "addr", "add", link.NamespaceAddress + "/30", "dev", link.namespaceEnd);
        link.Heal();
        return link;
    }

    public void Cut() => IpCommand.Run("link", "set", hostEnd, "down");

    public void Heal()
    {
        IpCommand.Run("link", "set", hostEnd, "up");
        IpCommand.Run("-n", networkNamespace, "link", "set", namespaceEnd, "up");
    }

    /// <summary>Removes the pair (deleting the namespace removes it too, but not at once).</summary>
    public void Delete() => IpCommand.Run(true, "link", "del", hostEnd);
}
