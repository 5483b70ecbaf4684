using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workflows.Testing;

/// <summary>
/// A Workflows service started as its own OS process (<c>dotnet Workflows.X.Host.dll</c> from the host's build output,
/// <c>hosts/Workflows.X.Host/bin/{Configuration}/</c>), as a user or Kubernetes would run it; it can be killed with -9 and
/// started again. A test project lists the hosts it starts as <c>ServiceHost</c> items, which builds them first.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan ListeningTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process, Uri? baseAddress)
    {
        _process = process;
        if (baseAddress is not null)
            _listening.SetResult(baseAddress);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Where the service listens. Started without a port, it binds port 0 (the kernel's choice, so no other process can take
    /// the port between choosing and binding) and this waits until the service has logged the address it got.
    /// </summary>
    public Uri BaseAddress => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : WaitForAddressAsync().GetAwaiter().GetResult();

    public bool HasExited => _process.HasExited;

    /// <summary>The OS process id (<c>dotnet</c> hosts the service in this process), e.g. for /proc/&lt;pid&gt;/status.</summary>
    public int ProcessId => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// Starts <paramref name="service"/> (e.g. "Workflows.Api", "Workflows.DevHost") with exactly the given settings: inherited
    /// Workflows settings are removed. Without <paramref name="port"/> the service binds a port of the kernel's choice (see
    /// <see cref="BaseAddress"/>); start it again on <c>BaseAddress.Port</c> to keep its address. With <paramref name="networkNamespace"/> it runs inside that network namespace
    /// (<c>ip netns exec</c>, which execs, so the process is still the service's), listening on <paramref name="address"/>.
    /// </summary>
    public static ServiceProcess Start(string service, IReadOnlyDictionary<string, string?> settings, int? port = null, string? networkNamespace = null, string address = "127.0.0.1")
    {
        var dll = HostDll(service);
        var url = new Uri($"http://{address}:{port ?? 0}");
        var info = new ProcessStartInfo(networkNamespace is null ? "dotnet" : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in (networkNamespace is null ? [] : new[] { "netns", "exec", networkNamespace, "dotnet" }).Concat([dll, "--urls", url.ToString()]))
            info.ArgumentList.Add(argument);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // Kestrel names the port it bound in the host's lifetime log ("Now listening on: http://127.0.0.1:40123").
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings)
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return new ServiceProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {service}"), port is null ? null : url);
    }

    /// <summary>Waits until <c>/alive</c> answers 200.</summary>
    public async Task WaitUntilAliveAsync(TimeSpan? timeout = null)
    {
        using var http = new HttpClient { BaseAddress = await WaitForAddressAsync(), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the service exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync(new Uri("/alive", UriKind.Relative))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the service did not answer /alive within the timeout:\n{Output}");
    }

    /// <summary>Waits for the process to end on its own.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as Kubernetes or docker stop sends: the service shuts down gracefully; waits until it has exited.</summary>
    public async Task StopGracefullyAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await WaitForExitAsync(timeout);
    }

    /// <summary>kill -9: no graceful shutdown, as a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The host of a service, built in this test's configuration: <c>hosts/{service}.Host</c>, or <c>hosts/{service}</c>
    /// for the DevHost. Its own output folder holds its dependencies and runtime config, as <c>dotnet publish</c> would.
    /// </summary>
    public static string HostDll(string service)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Workflows.sln")))
            root = root.Parent;
        if (root is null)
            throw new DirectoryNotFoundException($"no Workflows.sln above {AppContext.BaseDirectory}: the tests run from the repository.");
        foreach (var host in new[] { service + ".Host", service })
        {
            var dll = Path.Combine(root.FullName, "hosts", host, "bin", configuration, framework, host + ".dll");
            if (File.Exists(dll))
                return dll;
        }
        throw new FileNotFoundException($"the host of {service} is not built in {configuration}: list it as <ServiceHost Include=\"{service}\" /> in the test project, or build Workflows.sln.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<Uri> WaitForAddressAsync()
    {
        var deadline = DateTime.UtcNow + ListeningTimeout;
        while (!_listening.Task.IsCompleted)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the service exited with code {_process.ExitCode} before it listened:\n{Output}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the service did not say where it listens within {ListeningTimeout.TotalSeconds} s:\n{Output}");
            await Task.WhenAny(_listening.Task, Task.Delay(100));
        }
        return await _listening.Task;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        const string listening = "Now listening on: ";
        var at = line.IndexOf(listening, StringComparison.Ordinal);
        if (at >= 0 && Uri.TryCreate(line[(at + listening.Length)..].Trim(), UriKind.Absolute, out var address))
            _listening.TrySetResult(address);
    }
}
