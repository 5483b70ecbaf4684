using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
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
            await drop.ExecuteNonQueryAsync();
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

    private sealed record QueueInfo(string Name, long? Messages, long? Consumers);

    private HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = _endpoints!.RabbitMqManagement, Timeout = TimeSpan.FromSeconds(30) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_rabbit!.Username}:{_rabbit.Password}"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return http;
    }
}
