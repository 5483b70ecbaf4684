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
    private static readonly TimeSpan FaultFor = TimeSpan.FromSeconds(30);

    private readonly Stopwatch clock = Stopwatch.StartNew();

    [Fact]
    public Task Orders_complete_after_the_executor_is_cut_off_from_rabbitmq_mid_run() =>
        RunAsync("Executor cut off from RabbitMQ (link down)", Executor,
            strike: () => stack.NetworkOf(Executor).Broker.Cut(),
            heal: () => stack.NetworkOf(Executor).Broker.Heal());

    [Fact]
    public Task Orders_complete_after_the_orchestrator_is_cut_off_from_postgres_mid_run() =>
        RunAsync("Orchestrator cut off from PostgreSQL (link down)", Orchestrator,
            strike: () => stack.NetworkOf(Orchestrator).Database.Cut(),
            heal: () => stack.NetworkOf(Orchestrator).Database.Heal());

    [Fact]
    public Task Orders_complete_through_200_ms_latency_and_loss_on_the_path_to_postgres()
    {
        var path = stack.NetworkOf(Orchestrator).Postgres;
        return RunAsync("200 ms each way + resets, Orchestrator to PostgreSQL", Orchestrator,
            strike: () => path.Impair(TimeSpan.FromMilliseconds(200), resetChance: 0.05),
            heal: path.Restore,
            describe: () => $"{path.Resets} connections reset");
    }

    private async Task RunAsync(string fault, string service, Action strike, Action heal, Func<string>? describe = null)
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
        strike();
        // The Orchestrator's HTTP port is on its PostgreSQL link: cut, its /health does not answer at all.
        var seen = await ObserveHealthAsync(service, FaultFor);
        var during = await checks.DescribeStatesAsync();
        heal();
        var healed = clock.Elapsed;
        Log($"{fault} for {FaultFor.TotalSeconds:F0} s{(describe is null ? "" : $", {describe()}")}; {seen}; before the heal: {during}");
        var healthy = await WaitUntilHealthyAsync(service);
        Log($"{service} healthy again {healthy.TotalSeconds:F1} s after the heal");
        await creating;
        await OrderChecks.ForEachAsync(orders.Where(o => o.WaitForApproval).ToList(), client.ApproveAsync);
        var ended = await checks.WaitUntilAllEndedAsync(orders.Count);
        Log($"{fault}: every order ended {(clock.Elapsed - healed).TotalSeconds:F1} s after the heal (waited {ended.TotalSeconds:F1} s here); {client.Retried} calls needed a retry");
        var audit = await checks.AuditAsync(client, orders);
        var dropped = await checks.ErrorQueuesAsync();

        Assert.True(audit.Violations.Count == 0, $"{audit.Violations.Count} violations:\n{string.Join("\n", audit.Violations.Take(50))}");
        Assert.Empty(dropped);
    }

    /// <summary>Asks the service's <c>/health</c> every second while the fault lasts: how many answers said unhealthy, or none came.</summary>
    private async Task<string> ObserveHealthAsync(string service, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = stack.ProcessOf(service).BaseAddress, Timeout = TimeSpan.FromSeconds(1) };
        var (healthy, unhealthy) = (0, 0);
        while (watch.Elapsed < duration)
        {
            var asked = watch.Elapsed;
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.IsSuccessStatusCode) healthy++;
                else unhealthy++;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                unhealthy++;
            }
            var wait = TimeSpan.FromTicks(Math.Min((TimeSpan.FromSeconds(1) - (watch.Elapsed - asked)).Ticks, (duration - watch.Elapsed).Ticks));
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
        }
        return $"its /health during the fault: {unhealthy} unhealthy or unanswered, {healthy} healthy";
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
