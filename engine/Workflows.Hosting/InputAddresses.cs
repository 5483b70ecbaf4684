namespace Workflows.Hosting;

/// <summary>Reads MassTransit input addresses (<c>rabbitmq://host/vhost/create-instances</c>, <c>loopback://localhost/create-instances</c>).</summary>
internal static class InputAddresses
{
    /// <summary>The receive endpoint's queue: the address's last path segment.</summary>
    public static string? QueueOf(Uri? address) =>
        address?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
}
