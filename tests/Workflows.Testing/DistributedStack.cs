namespace Workflows.Testing;

/// <summary>
/// The engine as it is deployed: Api, Orchestrator, Executor, Scheduler and Events, each its own OS process, on this
/// fixture's own PostgreSQL database and RabbitMQ vhost. Any service can be killed (-9) and started again.
/// Test projects that use it reference the five service projects so their dlls are in the output folder.
/// </summary>
public class DistributedStack : WorkflowStack
{
    public static readonly string[] Services =
        ["Workflows.Orchestrator", "Workflows.Scheduler", "Workflows.Events", "Workflows.Executor", "Workflows.Api"];

    private readonly IsolatedInfrastructure infra = new();
    private readonly Dictionary<string, ServiceProcess> processes = [];
    private readonly Dictionary<string, int> ports = [];
    private readonly Dictionary<string, List<ServiceProcess>> history = [];

    public IsolatedInfrastructure Infrastructure => infra;

    /// <summary>The services this stack runs, the Orchestrator first (it migrates); a subclass may add <c>Workflows.Webhooks</c>.</summary>
    protected virtual IReadOnlyList<string> ServiceNames => Services;

    /// <summary>Extra settings every service gets (e.g. a shorter reconcile interval for crash tests).</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public override async Task InitializeAsync()
    {
        await infra.InitializeAsync();
        // The Orchestrator migrates the schema first; the others then start against it.
        await StartAsync(ServiceNames[0]);
        await Task.WhenAll(ServiceNames.Skip(1).Select(StartAsync));
        await ConnectAsync(processes["Workflows.Api"].BaseAddress);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var process in history.Values.SelectMany(p => p))
            await process.DisposeAsync();
        await infra.DisposeAsync();
    }

    /// <summary>Starts (or starts again, on the same port) one service, any host under hosts/, and waits until it answers /alive.</summary>
    public async Task StartAsync(string service)
    {
        var settings = new Dictionary<string, string?>(infra.Settings) { ["Api:Keys:0"] = ApiKey };
        foreach (var (key, value) in ExtraSettings)
            settings[key] = value;
        // A service gets its port on its first start (the kernel's choice) and keeps it when started again.
        var process = Launch(service, settings, ports.TryGetValue(service, out var port) ? port : null);
        processes[service] = process;
        if (!history.TryGetValue(service, out var started))
            history[service] = started = [];
        started.Add(process);
        await process.WaitUntilAliveAsync(TimeSpan.FromSeconds(120));
        ports[service] = process.BaseAddress.Port;
    }

    /// <summary>Starts the process of one service on its port (a subclass may place it elsewhere, e.g. in a network namespace).</summary>
    protected virtual ServiceProcess Launch(string service, IReadOnlyDictionary<string, string?> settings, int? port) =>
        ServiceProcess.Start(service, settings, port);

    /// <summary>The running process of one service (the latest one started).</summary>
    public ServiceProcess ProcessOf(string service) => processes[service];

    /// <summary>Starts the service again if a test killed it and failed before restarting it.</summary>
    public async Task EnsureRunningAsync(string service)
    {
        if (processes[service].HasExited)
            await StartAsync(service);
    }

    /// <summary>SIGTERM to one service, waiting until it has shut down.</summary>
    public Task StopGracefullyAsync(string service) => processes[service].StopGracefullyAsync(TimeSpan.FromSeconds(60));

    /// <summary>kill -9 of one service.</summary>
    public void Kill(string service) => processes[service].Kill();

    /// <summary>What every process of this service (killed ones included) wrote, in start order.</summary>
    public string OutputOf(string service) => string.Concat(history[service].Select(p => p.Output));
}
