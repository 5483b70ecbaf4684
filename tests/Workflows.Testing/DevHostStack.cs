namespace Workflows.Testing;

/// <summary>
/// The engine as <c>dotnet run --project hosts/Workflows.DevHost</c> runs it: one process on its embedded default
/// (in-memory bus, SQLite), with this fixture's own state directory (a temp folder) and port (the kernel's choice on the first start, kept after). It can be killed (-9)
/// and started again on the same file. Test projects that use it list it as a ServiceHost.
/// </summary>
public class DevHostStack : WorkflowStack
{
    private const string Service = "Workflows.DevHost";

    private readonly List<ServiceProcess> history = [];
    private int? port;
    private ServiceProcess? current;

    /// <summary>Where the DevHost keeps <c>engine.db</c> and <c>cli.json</c>.</summary>
    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), $"workflows-devhost-{Guid.NewGuid():N}");

    public override Task InitializeAsync() => StartAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var process in history)
            await process.DisposeAsync();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a process that has not quite exited): the temp folder is cleaned up by the OS.
        }
    }

    /// <summary>Starts (or starts again, on the same port and file) the DevHost and waits until its workflows are registered.</summary>
    public async Task StartAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Api:Keys:0"] = ApiKey,
            ["Engine:StateDirectory"] = StateDirectory,
        };
        current = ServiceProcess.Start(Service, settings, port);
        history.Add(current);
        await current.WaitUntilAliveAsync(TimeSpan.FromSeconds(120));
        port = current.BaseAddress.Port;
        await ConnectAsync(current.BaseAddress);
    }

    /// <summary>The running DevHost's process id.</summary>
    public int ProcessId => current?.ProcessId ?? throw new InvalidOperationException("the DevHost has not been started");

    /// <summary>kill -9: the process dies with its in-memory queues and timers.</summary>
    public void Kill() => current?.Kill();

    /// <summary>What every DevHost process of this fixture (killed ones included) wrote, in start order.</summary>
    public string Output => string.Concat(history.Select(p => p.Output));
}
