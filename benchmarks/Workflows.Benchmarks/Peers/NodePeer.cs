using System.Diagnostics;
using System.Text.Json;

namespace Workflows.Benchmarks.Peers;

/// <summary>
/// One of the durable-execution engines under <c>benchmarks/peers/</c> (a Node.js project with its lock file): installed
/// with <c>npm ci</c> on first use, then run as <c>node bench.js &lt;scenario&gt; &lt;count&gt; &lt;rate&gt; [mode]</c>,
/// which prints one <see cref="PeerRun"/> line.
/// </summary>
internal sealed class NodePeer(string folder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private bool installed;

    public string Folder { get; } = folder;

    /// <summary>The peer's folder in the repository this benchmark was built from.</summary>
    public static NodePeer Named(string name) =>
        new(Path.Combine(RepositoryRoot.Find() ?? throw new InvalidOperationException("the peers live in the repository: run the benchmark from it"),
            "benchmarks", "peers", name));

    public async Task<PeerRun> RunAsync(string scenario, int count, double rate, string? mode, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        if (!installed)
        {
            // npm ci installs exactly the committed lock file, so every run measures the same peer versions.
            await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], new Dictionary<string, string>(), ct);
            installed = true;
        }
        var arguments = new List<string> { "bench.js", scenario, count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            rate.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (mode is not null) arguments.Add(mode);
        var output = await RunProcessAsync("node", arguments, environment, ct);
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"{Path.GetFileName(Folder)} printed no result");
        return JsonSerializer.Deserialize<PeerRun>(line, Json)!;
    }

    /// <summary>Runs a command in the peer's folder; stdout is returned, stderr's last lines go into the error when it fails.</summary>
    private async Task<string> RunProcessAsync(string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            var tail = string.Join(" | ", (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
            throw new InvalidOperationException($"{command} {string.Join(' ', start.ArgumentList)} in {Path.GetFileName(Folder)} exited {process.ExitCode}: {tail}");
        }
        return await stdout;
    }
}
