using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;
using Workflows.Storage;
using Workflows.Testing;
using Xunit.Abstractions;

namespace Workflows.FaultInjection.Tests;

/// <summary>
/// A thousand <c>order</c> instances (steps, sleeps, waits for events, retries) created in waves while, one at a time,
/// each service is killed with -9 and started again, RabbitMQ is restarted and PostgreSQL is restarted. Afterwards every
/// order is complete and the ledger its steps write to shows no step that ran again after its completion was
/// persisted; re-executions of attempts whose outcome was lost are counted and reported.
/// </summary>
[Trait("Category", "ServerRestarts")]
public sealed class FaultInjectionTests(FastRecoveryStack stack, ITestOutputHelper output) : IClassFixture<FastRecoveryStack>
{
    private const int OrdersPerWave = 150;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    private readonly Stopwatch clock = Stopwatch.StartNew();

    [Fact]
    public async Task A_thousand_orders_complete_through_each_service_killed_and_both_servers_restarted()
    {
        (string Name, Func<Task> Inflict)[] faults =
        [
            ("kill -9 Executor", () => KillAndStartAsync("Workflows.Executor")),
            ("kill -9 Orchestrator", () => KillAndStartAsync("Workflows.Orchestrator")),
            ("kill -9 Scheduler", () => KillAndStartAsync("Workflows.Scheduler")),
            ("kill -9 Events", () => KillAndStartAsync("Workflows.Events")),
            ("kill -9 Api", () => KillAndStartAsync("Workflows.Api")),
            ("restart RabbitMQ", () => LocalServers.RestartAsync(LocalServers.RabbitMq)),
            ("restart PostgreSQL", () => LocalServers.RestartAsync(LocalServers.Postgres)),
        ];
        var run = Guid.NewGuid().ToString("N")[..8];
        var client = new PatientClient(stack);
        var orders = new List<Order>();
        var approvals = new List<Task>();

        // Wave k is created, the approvals of wave k-1 go out in the background, then fault k hits them both in flight.
        for (var wave = 0; wave < faults.Length; wave++)
        {
            var batch = Enumerable.Range(0, OrdersPerWave).Select(i => Order.Create(run, wave, i)).ToList();
            await ForEachAsync(batch, client.CreateAsync);
            orders.AddRange(batch);
            Log($"wave {wave}: {batch.Count} orders created");
            if (wave > 0)
                approvals.Add(ApproveAsync(client, orders.Where(o => o.Wave == wave - 1)));

            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var started = clock.Elapsed;
            await faults[wave].Inflict();
            Log($"{faults[wave].Name}: back after {(clock.Elapsed - started).TotalSeconds:F1} s");
        }
        approvals.Add(ApproveAsync(client, orders.Where(o => o.Wave == faults.Length - 1)));
        await Task.WhenAll(approvals);
        Log($"all {orders.Count(o => o.WaitForApproval)} approvals accepted; {client.Retried} calls needed a retry");

        await WaitUntilAllEndedAsync(orders.Count);
        var instances = new Dictionary<string, JsonObject>();
        await ForEachAsync(orders, async o =>
        {
            var instance = await client.GetAsync(o.Id);
            lock (instances) instances[o.Id] = instance;
        });
        var audit = await SideEffectAudit.RunAsync(stack.Infrastructure.PostgresConnectionString, orders, instances);
        Log(audit.Report(orders.Count));
        // A message a consumer gave up on is in an _error queue: nothing may have been given up on.
        var dropped = await ErrorQueuesAsync();
        Log($"messages in error queues: {(dropped.Count == 0 ? "none" : Describe(dropped))}");

        Assert.True(audit.Violations.Count == 0, $"{audit.Violations.Count} violations:\n{string.Join("\n", audit.Violations.Take(50))}");
        Assert.Empty(dropped);
    }

    private async Task KillAndStartAsync(string service)
    {
        stack.Kill(service);
        await stack.StartAsync(service);
    }

    private async Task ApproveAsync(PatientClient client, IEnumerable<Order> wave) =>
        await ForEachAsync(wave.Where(o => o.WaitForApproval).ToList(), client.ApproveAsync);

    /// <summary>Waits until no order is running, waiting or paused any more (read from the database: the Api may be the service that is down).</summary>
    private async Task WaitUntilAllEndedAsync(int count)
    {
        var deadline = clock.Elapsed + DrainTimeout;
        var states = new Dictionary<string, long>();
        while (clock.Elapsed < deadline)
        {
            states = await CountStatesAsync();
            if (states.Where(s => InstanceStates.HasEnded(s.Key)).Sum(s => s.Value) == count)
            {
                Log($"all {count} orders ended: {Describe(states)}");
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        throw new TimeoutException($"orders still not ended {DrainTimeout} after the last fault: {Describe(states)}\n" +
                                   $"queues (messages/consumers): {await DescribeQueuesAsync()}\n{await StuckOrdersAsync()}\n{ExitedServices()}");
    }

    /// <summary>A service that stopped on its own (none should): its exit code and the end of its output.</summary>
    private string ExitedServices() => string.Join("\n", DistributedStack.Services
        .Select(stack.ProcessOf)
        .Where(p => p.HasExited)
        .Select(p => $"a service exited with code {p.ExitCode}:\n{string.Join("\n", p.Output.Split('\n').TakeLast(60))}"));

    private async Task<Dictionary<string, long>> ErrorQueuesAsync() =>
        (await stack.Infrastructure.QueuesAsync())
            .Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) && q.Messages > 0)
            .ToDictionary(q => q.Name, q => q.Messages);

    /// <summary>A queue that holds messages and has no consumer is a service that stopped consuming.</summary>
    private async Task<string> DescribeQueuesAsync() =>
        string.Join(", ", (await stack.Infrastructure.QueuesAsync()).OrderBy(q => q.Name).Select(q => $"{q.Name} {q.Messages}/{q.Consumers}"));

    private async Task<Dictionary<string, long>> CountStatesAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(stack.Infrastructure.PostgresConnectionString);
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT current_state, count(*) FROM workflows.instances WHERE workflow = 'order' GROUP BY 1", connection);
            await using var reader = await query.ExecuteReaderAsync();
            var states = new Dictionary<string, long>();
            while (await reader.ReadAsync())
                states[reader.GetString(0)] = reader.GetInt64(1);
            return states;
        }
        catch (NpgsqlException)
        {
            return [];
        }
    }

    private async Task<string> StuckOrdersAsync()
    {
        await using var connection = new NpgsqlConnection(stack.Infrastructure.PostgresConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            $"""
            SELECT instance_id, current_state, generation, wake_at, event_pending, dispatch_deadline FROM workflows.instances
            WHERE workflow = 'order' AND current_state NOT IN ('{InstanceStates.Complete}', '{InstanceStates.Errored}', '{InstanceStates.Terminated}') ORDER BY instance_id LIMIT 20
            """, connection);
        await using var reader = await query.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return string.Join("\n", lines);
    }

    private static string Describe(Dictionary<string, long> states) => string.Join(", ", states.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"));

    private static Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> action) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) => await action(item));

    private void Log(string line) => output.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line.TrimEnd()}");
}
