using System.Diagnostics;
using Xunit.Abstractions;

namespace Workflows.FaultInjection.Tests;

/// <summary>
/// Five hundred <c>order</c> instances per fault, every service in its own network namespace (<see cref="NetworkNamespaceStack"/>),
/// while one path is cut or slowed mid-run and then healed: afterwards every order is complete, no completed step ran
/// again, nothing is stuck and no message was given up on (<see cref="OrderChecks"/>, the checks of the kill suite).
/// The kernel here has no netem: cuts are a link set down, latency and loss come from the userland <see cref="PathForwarder"/>.
/// </summary>
[Trait("Category", "NetworkFaults")]
public sealed class NetworkFaultTests(NetworkNamespaceStack stack, ITestOutputHelper output) : IClassFixture<NetworkNamespaceStack>
{
    private const int Orders = 500;
    private const string Executor = "Workflows.Executor";
    private const string Orchestrator = "Workflows.Orchestrator";

    // Longer than RabbitMQ's and Npgsql's own detection (heartbeats, command timeouts), so the cut is noticed, not ridden out.
    private static readonly TimeSpan CutFor = TimeSpan.FromSeconds(30);

    private readonly Stopwatch clock = Stopwatch.StartNew();

    [Fact]
    public Task Orders_complete_after_the_executor_is_cut_off_from_rabbitmq_mid_run() =>
        RunAsync("Executor cut off from RabbitMQ", Executor, async () =>
        {
            var link = stack.NetworkOf(Executor).Broker;
            link.Cut();
            await Task.Delay(CutFor);
            link.Heal();
            return $"link down {CutFor.TotalSeconds:F0} s";
        });

    [Fact]
    public Task Orders_complete_after_the_orchestrator_is_cut_off_from_postgres_mid_run() =>
        RunAsync("Orchestrator cut off from PostgreSQL", Orchestrator, async () =>
        {
            var link = stack.NetworkOf(Orchestrator).Database;
            link.Cut();
            await Task.Delay(CutFor);
            link.Heal();
            return $"link down {CutFor.TotalSeconds:F0} s";
        });

    [Fact]
    public Task Orders_complete_through_200_ms_latency_and_loss_on_the_path_to_postgres() =>
        RunAsync("200 ms latency + loss, Orchestrator to PostgreSQL", Orchestrator, async () =>
        {
            var path = stack.NetworkOf(Orchestrator).Postgres;
            path.Impair(TimeSpan.FromMilliseconds(200), resetChance: 0.05);
            await Task.Delay(CutFor);
            path.Restore();
            return $"{CutFor.TotalSeconds:F0} s of 200 ms each way, {path.Resets} connections reset";
        });

    private async Task RunAsync(string fault, string service, Func<Task<string>> inflict)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var client = new PatientClient(stack);
        var checks = new OrderChecks(stack, run, Log);
        var orders = Enumerable.Range(0, Orders).Select(i => Order.Create(run, 0, i)).ToList();

        // The fault hits mid-run: half the orders created (their steps running, sleeps and waits pending), half still to come.
        var created = 0;
        var halfCreated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var creating = OrderChecks.ForEachAsync(orders, async o =>
        {
            await client.CreateAsync(o);
            if (Interlocked.Increment(ref created) == Orders / 2)
                halfCreated.SetResult();
        });
        await halfCreated.Task;
        Log($"{Orders / 2} orders created; at the fault: {await checks.DescribeStatesAsync()}");
        var what = await inflict();
        var healed = clock.Elapsed;
        Log($"{fault}: {what}; healed");
        var healthy = await WaitUntilHealthyAsync(service);
        Log($"{service} healthy again {healthy.TotalSeconds:F1} s after the heal");
        await creating;
        var approvals = OrderChecks.ForEachAsync(orders.Where(o => o.WaitForApproval).ToList(), client.ApproveAsync);

        await approvals;
        var ended = await checks.WaitUntilAllEndedAsync(orders.Count);
        Log($"{fault}: every order ended {(clock.Elapsed - healed).TotalSeconds:F1} s after the heal (waited {ended.TotalSeconds:F1} s here); {client.Retried} calls needed a retry");
        var audit = await checks.AuditAsync(client, orders);
        var dropped = await checks.ErrorQueuesAsync();

        Assert.True(audit.Violations.Count == 0, $"{audit.Violations.Count} violations:\n{string.Join("\n", audit.Violations.Take(50))}");
        Assert.Empty(dropped);
    }

    /// <summary>Polls the service's <c>/health</c> (PostgreSQL answers, the bus is connected) until it is 200.</summary>
    private async Task<TimeSpan> WaitUntilHealthyAsync(string service)
    {
        var started = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = stack.ProcessOf(service).BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (started.Elapsed < TimeSpan.FromMinutes(3))
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                    return started.Elapsed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Still coming back.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{service} was not healthy 3 minutes after the heal:\n{stack.ProcessOf(service).Output[^Math.Min(4000, stack.ProcessOf(service).Output.Length)..]}");
    }

    private void Log(string line) => output.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line.TrimEnd()}");
}
