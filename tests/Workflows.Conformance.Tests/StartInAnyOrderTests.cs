using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Hosting;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>
/// Services start in any order, all at once, on an empty database, as compose and Kubernetes start them: one migrator at
/// a time while the others wait, and a service whose PostgreSQL or RabbitMQ is not there yet waits for them, unhealthy,
/// instead of exiting.
/// </summary>
public sealed class StartInAnyOrderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Two replicas of the Orchestrator and of Events: six migrators (Api, Orchestrators, Executor, Events) race on the empty database.
    private static readonly string[] EveryServiceWithReplicas =
    [
        "Workflows.Api", "Workflows.Orchestrator", "Workflows.Orchestrator", "Workflows.Executor",
        "Workflows.Scheduler", "Workflows.Events", "Workflows.Events",
    ];

    public static TheoryData<int> TenRounds => [.. Enumerable.Range(1, 10)];

    [Theory]
    [MemberData(nameof(TenRounds))]
    public async Task Every_service_started_at_once_on_an_empty_database_runs_an_instance_of_every_sample(int round)
    {
        var infra = new IsolatedInfrastructure();
        await infra.InitializeAsync();
        var stack = new SimultaneousStack(infra, EveryServiceWithReplicas);
        try
        {
            await stack.InitializeAsync();

            await RunEverySampleAsync(stack, $"round-{round}");

            foreach (var (service, process) in stack.Processes)
            {
                Assert.False(process.HasExited, $"{service} exited with code {(process.HasExited ? process.ExitCode : 0)}:\n{process.Output}");
                Assert.Empty(Errors(service, process.Output));
            }
        }
        finally
        {
            await stack.DisposeAsync();
            await infra.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_service_started_before_postgres_and_rabbitmq_answer_stays_up_unhealthy_and_serves_once_they_do()
    {
        var infra = new IsolatedInfrastructure();
        await infra.InitializeAsync();
        var postgres = new NpgsqlConnectionStringBuilder(infra.PostgresConnectionString);
        var rabbit = RabbitMqAddress.Parse(infra.RabbitMqUri);
        await using var postgresComesUp = new TcpForwarder(postgres.Host!, postgres.Port);
        await using var rabbitComesUp = new TcpForwarder(rabbit.Host, rabbit.Port);
        var settings = new Dictionary<string, string?>
        {
            [PostgresSettings.Key] = new NpgsqlConnectionStringBuilder(infra.PostgresConnectionString) { Port = postgresComesUp.Port }.ConnectionString,
            [RabbitMqAddress.Key] = (rabbit with { Port = (ushort)rabbitComesUp.Port }).ToUri(),
        };
        var events = ServiceProcess.Start("Workflows.Events", settings);
        var rest = new SimultaneousStack(infra, ["Workflows.Api", "Workflows.Orchestrator", "Workflows.Executor", "Workflows.Scheduler"]);
        try
        {
            using var probe = new HttpClient { BaseAddress = events.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            await events.WaitUntilAliveAsync(Timeout);
            var quietUntil = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < quietUntil)
            {
                Assert.False(events.HasExited, $"Events exited with code {(events.HasExited ? events.ExitCode : 0)} while it waited:\n{events.Output}");
                Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(probe, "/alive"));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusOfAsync(probe, "/health"));
                await Task.Delay(1000);
            }

            postgresComesUp.Open();
            rabbitComesUp.Open();

            await WaitForStatusAsync(probe, "/health", HttpStatusCode.OK, events);
            Assert.Empty(await PendingMigrationsAsync(infra));

            // The rest of the engine joins; an event now goes through the Events service that waited.
            await rest.InitializeAsync();
            var id = await rest.CreateAsync("approval", new { timeout = "1 minute" }, "late-infrastructure-approval");
            await rest.WaitForStatusAsync("approval", id, Timeout, "waiting");
            using var sent = await rest.Api.PostAsJsonAsync($"api/workflows/approval/instances/{id}/events/approval", new { approved = true, by = "ana" });
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            var approved = await rest.WaitForStatusAsync("approval", id, Timeout, "complete");
            Assert.Equal("ana", approved["output"]!["by"]!.GetValue<string>());
            Assert.False(events.HasExited, events.Output);
        }
        finally
        {
            await rest.DisposeAsync();
            await events.DisposeAsync();
            await infra.DisposeAsync();
        }
    }

    /// <summary>One instance of each sample at once, with the outcome LifecycleTests expects of it.</summary>
    private static async Task RunEverySampleAsync(WorkflowStack stack, string prefix)
    {
        var echo = stack.CreateAsync("echo", new { hello = "world" }, $"{prefix}-echo");
        var sleepy = stack.CreateAsync("sleepy", new { seconds = 1 }, $"{prefix}-sleepy");
        var approval = stack.CreateAsync("approval", new { timeout = "1 minute" }, $"{prefix}-approval");
        var flaky = stack.CreateAsync("flaky", new { failures = 2, limit = 3 }, $"{prefix}-flaky");
        var fanout = stack.CreateAsync("fanout", new { n = 5 }, $"{prefix}-fanout");
        var longer = stack.CreateAsync("long", new { steps = 3 }, $"{prefix}-long");
        var nonretryable = stack.CreateAsync("nonretryable", null, $"{prefix}-nonretryable");
        await Task.WhenAll(echo, sleepy, approval, flaky, fanout, longer, nonretryable);

        await stack.WaitForStatusAsync("approval", await approval, Timeout, "waiting");
        using (var sent = await stack.Api.PostAsJsonAsync($"api/workflows/approval/instances/{await approval}/events/approval", new { approved = true, by = "ana" }))
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        var outcomes = await Task.WhenAll(
            stack.WaitForStatusAsync("echo", await echo, Timeout, "complete", "errored"),
            stack.WaitForStatusAsync("sleepy", await sleepy, Timeout, "complete", "errored"),
            stack.WaitForStatusAsync("approval", await approval, Timeout, "complete", "errored"),
            stack.WaitForStatusAsync("flaky", await flaky, Timeout, "complete", "errored"),
            stack.WaitForStatusAsync("fanout", await fanout, Timeout, "complete", "errored"),
            stack.WaitForStatusAsync("long", await longer, Timeout, "complete", "errored"),
            stack.WaitForStatusAsync("nonretryable", await nonretryable, Timeout, "complete", "errored"));

        Assert.Equal(
            ["complete", "complete", "complete", "complete", "complete", "complete", "errored"],
            outcomes.Select(o => o["status"]!.GetValue<string>()));
        Assert.Equal("world", outcomes[0]["output"]!["hello"]!.GetValue<string>());
        Assert.Equal(2, outcomes[1]["output"]!["after"]!.GetValue<int>());
        Assert.Equal("ana", outcomes[2]["output"]!["by"]!.GetValue<string>());
        Assert.Equal(3, outcomes[3]["output"]!["attempts"]!.GetValue<int>());
        Assert.Equal(15, outcomes[4]["output"]!.GetValue<int>());
        Assert.Equal(3, outcomes[5]["output"]!.GetValue<int>());
        Assert.Equal("NonRetryableException", outcomes[6]["error"]!["name"]!.GetValue<string>());
    }

    /// <summary>
    /// The error and critical entries of a service's console log, and any unhandled exception. The one expected error:
    /// on an empty database, the first migrator's EF Core probe of the migrations table that does not exist yet.
    /// </summary>
    private static List<string> Errors(string service, string output)
    {
        var entries = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            if (entries.Count == 0 || (line.Length > 0 && !char.IsWhiteSpace(line[0])))
                entries.Add(line);
            else
                entries[^1] += "\n" + line;
        }
        // 42701 (duplicate column: two migrators applied one migration) as Npgsql prints a SQLSTATE, not as a port number.
        return [.. entries
            .Where(e => e.StartsWith("fail:", StringComparison.Ordinal) || e.StartsWith("crit:", StringComparison.Ordinal)
                || e.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) || e.Contains("42701:", StringComparison.Ordinal))
            .Where(e => !IsMigrationsTableProbe(e))
            .Select(e => $"{service}: {e}")];
    }

    private static bool IsMigrationsTableProbe(string entry) =>
        entry.StartsWith("fail: Microsoft.EntityFrameworkCore.Database.Command[20102]", StringComparison.Ordinal)
        && entry.Contains("FROM workflows.__ef_migrations", StringComparison.Ordinal);

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task WaitForStatusAsync(HttpClient http, string path, HttpStatusCode expected, ServiceProcess process)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var last = (HttpStatusCode)0;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, process.Output);
            if ((last = await StatusOfAsync(http, path)) == expected)
                return;
            await Task.Delay(200);
        }
        Assert.Fail($"{path} still answered {(int)last} after {Timeout.TotalSeconds} s:\n{process.Output}");
    }

    private static async Task<List<string>> PendingMigrationsAsync(IsolatedInfrastructure infra)
    {
        await using var dataSource = NpgsqlDataSource.Create(infra.PostgresConnectionString);
        var options = StorageExtensions.Configure(new DbContextOptionsBuilder<WorkflowsDbContext>(), dataSource).Options;
        await using var db = new WorkflowsDbContext((DbContextOptions<WorkflowsDbContext>)options);
        return [.. await db.Database.GetPendingMigrationsAsync()];
    }
}
