namespace Workflows.Hosting;

/// <summary>The parts of an <c>amqp://user:pass@host:port/vhost</c> URI that MassTransit and the management API need.</summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password)
{
    public const string Key = "ConnectionStrings:RabbitMq";

    public static RabbitMqAddress Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new MissingSettingException($"{Key} is not set: give an amqp://user:pass@host:port/vhost URI (deploy/local/infra.sh up writes one).");
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || string.IsNullOrEmpty(uri.Host))
            throw new MissingSettingException($"{Key} is not a valid amqp://user:pass@host:port/vhost URI.");

        var userInfo = uri.UserInfo.Split(':', 2);
        var user = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest";
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest";
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (uri.Scheme == "amqps" ? 5671 : 5672) : uri.Port;
        return new RabbitMqAddress(uri.Host, (ushort)port, vhost.Length == 0 ? "/" : vhost, user, password);
    }

    /// <summary>The same address on another virtual host (used by tests that isolate themselves per vhost).</summary>
    public string ToUri(string? virtualHost = null) =>
        $"amqp://{Uri.EscapeDataString(Username)}:{Uri.EscapeDataString(Password)}@{Host}:{Port}/{Uri.EscapeDataString(virtualHost ?? VirtualHost)}";
}
