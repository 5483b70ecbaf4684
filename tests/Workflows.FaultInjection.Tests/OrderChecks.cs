using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.FaultInjection.Tests;

/// <summary>
/// What every fault suite checks after its faults, on the orders of one run (ids <c>order-{run}-…</c>): every order
/// ended (read from the database: the Api may be the service that is down), the <see cref="SideEffectAudit"/> (complete,
/// no completed step ran again), and no message given up on in an error queue. On a timeout it says what is stuck.
/// </summary>
internal sealed class OrderChecks(DistributedStack stack, string run, Action<string> log)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Waits until none of this run's <paramref name="count"/> orders is running, waiting or paused any more; returns how long that took.</summary>
    public async Task<TimeSpan> WaitUntilAllEndedAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        var states = new Dictionary<string, long>();
        while (clock.Elapsed < DrainTimeout)
        {
            states = await CountStatesAsync();
            if (states.Where(s => InstanceStates.HasEnded(s.Key)).Sum(s => s.Value) == count)
            {
                log($"all {count} orders ended: {Describe(states)}");
                return clock.Elapsed;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        throw new TimeoutException($"orders still not ended {DrainTimeout} after the last fault: {Describe(states)}\n" +
                                   $"queues (messages/consumers): {await DescribeQueuesAsync()}\n{await StuckOrdersAsync()}\n{ExitedServices()}");
    }

    /// <summary>This run's orders by state, e.g. "Running 120, Sleeping 80", for the log.</summary>
    public async Task<string> DescribeStatesAsync() => Describe(await CountStatesAsync());

    /// <summary>Reads every order through the Api and audits it against the ledger its steps wrote; logs the report.</summary>
    public async Task<SideEffectAudit> AuditAsync(PatientClient client, IReadOnlyList<Order> orders)
    {
        var instances = new Dictionary<string, JsonObject>();
        await ForEachAsync(orders, async o =>
        {
            var instance = await client.GetAsync(o.Id);
            lock (instances) instances[o.Id] = instance;
        });
        var audit = await SideEffectAudit.RunAsync(stack.Infrastructure.PostgresConnectionString, orders, instances);
        log(audit.Report(orders.Count));
        return audit;
    }

    /// <summary>The error queues holding messages (a consumer gave up on them): none may.</summary>
    public async Task<Dictionary<string, long>> ErrorQueuesAsync()
    {
        var dropped = (await stack.Infrastructure.QueuesAsync())
            .Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) && q.Messages > 0)
            .ToDictionary(q => q.Name, q => q.Messages);
        log($"messages in error queues: {(dropped.Count == 0 ? "none" : Describe(dropped))}");
        return dropped;
    }

    public static Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> action) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) => await action(item));

    /// <summary>A service that stopped on its own (none should): its exit code and the end of its output.</summary>
    private string ExitedServices() => string.Join("\n", DistributedStack.Services
        .Select(stack.ProcessOf)
        .Where(p => p.HasExited)
        .Select(p => $"a service exited with code {p.ExitCode}:\n{string.Join("\n", p.Output.Split('\n').TakeLast(60))}"));

    /// <summary>A queue that holds messages and has no consumer is a service that stopped consuming.</summary>
    private async Task<string> DescribeQueuesAsync() =>
        string.Join(", ", (await stack.Infrastructure.QueuesAsync()).OrderBy(q => q.Name).Select(q => $"{q.Name} {q.Messages}/{q.Consumers}"));

    private async Task<Dictionary<string, long>> CountStatesAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(stack.Infrastructure.PostgresConnectionString);
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT current_state, count(*) FROM workflows.instances WHERE workflow = 'order' AND instance_id LIKE @run GROUP BY 1", connection);
            query.Parameters.AddWithValue("run", $"order-{run}-%");
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
            WHERE workflow = 'order' AND instance_id LIKE @run
              AND current_state NOT IN ('{InstanceStates.Complete}', '{InstanceStates.Errored}', '{InstanceStates.Terminated}') ORDER BY instance_id LIMIT 20
            """, connection);
        query.Parameters.AddWithValue("run", $"order-{run}-%");
        await using var reader = await query.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return string.Join("\n", lines);
    }

    private static string Describe(Dictionary<string, long> states) => string.Join(", ", states.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"));
}
