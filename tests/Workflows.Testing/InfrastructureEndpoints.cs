using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Workflows.Testing;

/// <summary>
/// The RabbitMQ and PostgreSQL the integration tests use, resolved once per test run in this order:
/// environment variables (<c>WORKFLOWS_TEST_POSTGRES</c>, <c>WORKFLOWS_TEST_RABBITMQ</c>), the file that
/// <c>deploy/local/infra.sh up</c> writes (<c>.workflows/infra.env</c>), Testcontainers when a Docker engine answers;
/// otherwise every integration test fails with one line naming the command that starts the infrastructure.
/// </summary>
public sealed record InfrastructureEndpoints(string Postgres, string RabbitMq, Uri RabbitMqManagement)
{
    public const string StartCommand = "deploy/local/infra.sh up";

    private static readonly Lazy<Task<InfrastructureEndpoints>> Resolved = new(ResolveAsync);

    public static Task<InfrastructureEndpoints> GetAsync() => Resolved.Value;

    private static async Task<InfrastructureEndpoints> ResolveAsync()
    {
        var values = new Dictionary<string, string>();
        foreach (var key in new[] { "WORKFLOWS_TEST_POSTGRES", "WORKFLOWS_TEST_RABBITMQ", "WORKFLOWS_TEST_RABBITMQ_MANAGEMENT" })
            if (Environment.GetEnvironmentVariable(key) is { Length: > 0 } v) values[key] = v;

        if (!values.ContainsKey("WORKFLOWS_TEST_POSTGRES") && FindInfraFile() is { } file)
            foreach (var (key, value) in ReadEnvFile(file))
                values.TryAdd(key, value);

        if (values.TryGetValue("WORKFLOWS_TEST_POSTGRES", out var pg) && values.TryGetValue("WORKFLOWS_TEST_RABBITMQ", out var amqp))
        {
            var management = values.TryGetValue("WORKFLOWS_TEST_RABBITMQ_MANAGEMENT", out var m)
                ? new Uri(m)
                : new Uri($"http://{new Uri(amqp).Host}:15672");
            return new InfrastructureEndpoints(pg, amqp, management);
        }

        return await StartContainersAsync();
    }

    private static async Task<InfrastructureEndpoints> StartContainersAsync()
    {
        try
        {
            var postgres = new PostgreSqlBuilder("postgres:15").Build();
            var rabbit = new RabbitMqBuilder("rabbitmq:3.10-management").Build();
            await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync());
            var amqp = new Uri(rabbit.GetConnectionString());
            return new InfrastructureEndpoints(
                postgres.GetConnectionString(),
                rabbit.GetConnectionString(),
                new Uri($"http://{amqp.Host}:{rabbit.GetMappedPublicPort(15672)}"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"No RabbitMQ/PostgreSQL for integration tests (no WORKFLOWS_TEST_* variables, no .workflows/infra.env, no Docker engine): run `{StartCommand}` first.", e);
        }
    }

    private static string? FindInfraFile()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var file = Path.Combine(dir.FullName, ".workflows", "infra.env");
                if (File.Exists(file)) return file;
            }
        return null;
    }

    private static IEnumerable<(string Key, string Value)> ReadEnvFile(string file)
    {
        foreach (var raw in File.ReadAllLines(file))
        {
            var line = raw.StartsWith("export ", StringComparison.Ordinal) ? raw[7..] : raw;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            yield return (line[..eq], line[(eq + 1)..].Trim('\''));
        }
    }
}
