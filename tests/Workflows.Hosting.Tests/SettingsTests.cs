namespace Workflows.Hosting.Tests;

public sealed class SettingsTests
{
    [Fact]
    public void An_amqp_uri_gives_host_port_vhost_and_credentials()
    {
        var address = RabbitMqAddress.Parse("amqp://user:p%40ss@rabbit.local:5673/prod");

        Assert.Equal(new RabbitMqAddress("rabbit.local", 5673, "prod", "user", "p@ss"), address);
    }

    [Fact]
    public void An_amqp_uri_without_port_or_vhost_uses_the_defaults()
    {
        var address = RabbitMqAddress.Parse("amqp://u:p@localhost");

        Assert.Equal(5672, address.Port);
        Assert.Equal("/", address.VirtualHost);
    }

    [Theory]
    [InlineData(null, "ConnectionStrings:RabbitMq is not set")]
    [InlineData("", "ConnectionStrings:RabbitMq is not set")]
    [InlineData("http://localhost:5672", "ConnectionStrings:RabbitMq is not a valid")]
    [InlineData("not a uri", "ConnectionStrings:RabbitMq is not a valid")]
    public void A_missing_or_malformed_rabbitmq_setting_names_the_key(string? value, string expected)
    {
        var e = Assert.Throws<MissingSettingException>(() => RabbitMqAddress.Parse(value));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "ConnectionStrings:Postgres is not set")]
    [InlineData("  ", "ConnectionStrings:Postgres is not set")]
    [InlineData("Nonsense=1", "ConnectionStrings:Postgres is not a valid")]
    public void A_missing_or_malformed_postgres_setting_names_the_key(string? value, string expected)
    {
        var e = Assert.Throws<MissingSettingException>(() => PostgresSettings.Read(value));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
