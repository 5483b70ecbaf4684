namespace Workflows.Testing;

/// <summary>
/// The services as compose or Kubernetes start them: every process, replicas included, at the same moment, on the
/// database and vhost of <paramref name="infrastructure"/> (empty until the services' migrators run). Its owner creates
/// and drops the infrastructure. List a service twice for two replicas; the list must hold <c>Workflows.Api</c>.
/// </summary>
public sealed class SimultaneousStack(IsolatedInfrastructure infrastructure, IReadOnlyList<string> services) : WorkflowStack
{
    private const string ApiService = "Workflows.Api";

    private readonly List<StartedService> _processes = [];

    /// <summary>Every process started, in the order of the service list.</summary>
    public IReadOnlyList<StartedService> Processes => _processes;

    /// <summary>Starts every process without waiting in between, then waits until each answers /alive and an Executor has registered its workflows.</summary>
    public override async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(infrastructure.Settings) { ["Api:Keys:0"] = ApiKey };
        foreach (var service in services)
            _processes.Add(new StartedService(service, ServiceProcess.Start(service, settings)));
        await Task.WhenAll(_processes.Select(p => p.Process.WaitUntilAliveAsync(TimeSpan.FromSeconds(120))));
        await ConnectAsync(_processes.First(p => p.Service == ApiService).Process.BaseAddress);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var started in _processes)
            await started.Process.DisposeAsync();
    }
}
