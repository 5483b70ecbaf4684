using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Workflows.Hosting;
using Xunit;

namespace Workflows.Testing;

/// <summary>
/// A class fixture (<c>IClassFixture&lt;IsolatedInfrastructure&gt;</c>): its own PostgreSQL database and RabbitMQ vhost,
/// so test classes run in parallel without cross-talk; both are dropped when the class is done.
/// </summary>
public sealed class IsolatedInfrastructure : IAsyncLifetime
{
    private readonly string _name = $"wf_test_{Guid.NewGuid():N}"[..24];
    private InfrastructureEndpoints? _endpoints;
    private RabbitMqAddress? _rabbit;

    /// <summary>Npgsql connection string of this class's database.</summary>
    public string PostgresConnectionString { get; private set; } = "";

    /// <summary>amqp:// URI of this class's vhost.</summary>
    public string RabbitMqUri { get; private set; } = "";

    /// <summary>The two settings every service reads, ready for <c>IConfigurationBuilder.AddInMemoryCollection</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [PostgresSettings.Key] = PostgresConnectionString,
        [RabbitMqAddress.Key] = RabbitMqUri,
    };

    public async Task InitializeAsync()
    {
        _endpoints = await InfrastructureEndpoints.GetAsync();
        _rabbit = RabbitMqAddress.Parse(_endpoints.RabbitMq);

        await using (var connection = new NpgsqlConnection(_endpoints.Postgres))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        PostgresConnectionString = new NpgsqlConnectionStringBuilder(_endpoints.Postgres) { Database = _name }.ConnectionString;

        using var http = ManagementClient();
        (await http.PutAsync($"api/vhosts/{_name}", null)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/permissions/{_name}/{Uri.EscapeDataString(_rabbit.Username)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        RabbitMqUri = _rabbit.ToUri(_name);
    }

    public async Task DisposeAsync()
    {
        if (_endpoints is null) return;
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_endpoints.Postgres))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await drop.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (attempt < 20 && e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                {
                    // An autovacuum worker is in the database: FORCE may not end it for a role that is not a superuser
                    // ("must be a member of the role whose process is being terminated"). It is done in a moment.
                    await Task.Delay(500);
                }
            }
        }
        using var http = ManagementClient();
        await http.DeleteAsync($"api/vhosts/{_name}");
    }

    /// <summary>Every queue of this class's vhost: messages waiting and consumers (management API; its figures lag a few seconds).</summary>
    public async Task<IReadOnlyList<QueueState>> QueuesAsync()
    {
        using var http = ManagementClient();
        var queues = await http.GetFromJsonAsync<List<QueueInfo>>($"api/queues/{_name}?columns=name,messages,consumers") ?? [];
        return [.. queues.Select(q => new QueueState(q.Name, q.Messages ?? 0, q.Consumers ?? 0))];
    }

    /// <summary>The messages in <paramref name="queue"/> right now (an AMQP passive declare, no statistics lag); 0 when it does not exist yet.</summary>
    public async Task<uint> MessageCountAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    /// <summary>The arguments <paramref name="queue"/> was declared with (<c>x-message-ttl</c>, <c>x-max-length</c>, …), as JSON values.</summary>
    public async Task<IReadOnlyDictionary<string, JsonElement>> QueueArgumentsAsync(string queue)
    {
        using var http = ManagementClient();
        var info = await http.GetFromJsonAsync<QueueDeclaration>($"api/queues/{_name}/{Uri.EscapeDataString(queue)}");
        return info?.Arguments ?? [];
    }

    private sealed record QueueInfo(string Name, long? Messages, long? Consumers);

    private sealed record QueueDeclaration(Dictionary<string, JsonElement>? Arguments);

    private HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = _endpoints!.RabbitMqManagement, Timeout = TimeSpan.FromSeconds(30) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_rabbit!.Username}:{_rabbit.Password}"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return http;
    }
}
