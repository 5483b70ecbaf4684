using System.Diagnostics;
using System.Text;

namespace Workflows.Client.Observers.Tests;

/// <summary>The ObserverApp sample as its own OS process (from its build output), collecting the lines it prints.</summary>
public sealed class ObserverProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ObserverProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (output) return output.ToString(); } }

    /// <summary>The <c>observed …</c> lines so far: kind, instance id, message id.</summary>
    public IReadOnlyList<(string Kind, string InstanceId, string MessageId)> Observed =>
        [.. Output.Split('\n').Where(l => l.StartsWith("observed ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).Select(p => (p[1], p[2], p[3]))];

    public static ObserverProcess Start(string rabbitMqUri, string queue, string workflows)
    {
        var dll = Path.Combine(AppContext.BaseDirectory.Replace("/tests/Workflows.Client.Observers.Tests/", "/samples/Workflows.ObserverApp/", StringComparison.Ordinal),
            "Workflows.ObserverApp.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["ConnectionStrings__RabbitMq"] = rabbitMqUri;
        info.Environment["Observer__Queue"] = queue;
        info.Environment["Observer__Workflows"] = workflows;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        return new ObserverProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}"));
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.Append(line).Append('\n');
    }
}
