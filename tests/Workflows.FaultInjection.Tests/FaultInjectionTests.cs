using System.Diagnostics;
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
            await OrderChecks.ForEachAsync(batch, client.CreateAsync);
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

        var checks = new OrderChecks(stack, run, Log);
        await checks.WaitUntilAllEndedAsync(orders.Count);
        var audit = await checks.AuditAsync(client, orders);
        // A message a consumer gave up on is in an _error queue: nothing may have been given up on.
        var dropped = await checks.ErrorQueuesAsync();

        Assert.True(audit.Violations.Count == 0, $"{audit.Violations.Count} violations:\n{string.Join("\n", audit.Violations.Take(50))}");
        Assert.Empty(dropped);
    }

    private async Task KillAndStartAsync(string service)
    {
        stack.Kill(service);
        await stack.StartAsync(service);
    }

    private async Task ApproveAsync(PatientClient client, IEnumerable<Order> wave) =>
        await OrderChecks.ForEachAsync(wave.Where(o => o.WaitForApproval).ToList(), client.ApproveAsync);

    private void Log(string line) => output.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line.TrimEnd()}");
}
