using System.Diagnostics;
using System.Text;

namespace Workflows.Templates.Tests;

/// <summary>A <c>dotnet</c> command as a user would type it in a fresh shell, its output kept for the assertion messages.</summary>
internal sealed class DotnetProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DotnetProcess(ProcessStartInfo info)
    {
        CommandLine = $"(cd {info.WorkingDirectory} && dotnet {string.Join(' ', info.ArgumentList)})";
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.Exited += (_, _) => _exited.TrySetResult(_process.ExitCode);
        _process.OutputDataReceived += (_, e) => Append(e.Data, _outputClosed);
        _process.ErrorDataReceived += (_, e) => Append(e.Data, _errorClosed);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string CommandLine { get; }

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Everything the command wrote to stdout and stderr so far, after the command line.</summary>
    public string Output { get { lock (_output) return $"{CommandLine}\n{_output}"; } }

    /// <summary>
    /// Starts <c>dotnet <paramref name="args"/></c> without this machine's Workflows settings (any <c>Section__Key</c>
    /// variable, such as the ConnectionStrings__* of the local servers) and without the MSBuild state of the
    /// <c>dotnet test</c> that runs this test; <paramref name="environment"/> sets (or, with null, removes) variables.
    /// </summary>
    public static DotnetProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var key in info.Environment.Keys.Where(IsInherited).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in environment)
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }
        return new DotnetProcess(info);
    }

    /// <summary>Runs the command to its end; fails with its output when it exits non-zero or outlives <paramref name="timeout"/>.</summary>
    public static async Task<string> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var command = Start(workingDirectory, environment, args);
        var exitCode = await command.WaitForExitAsync(timeout);
        Assert.True(exitCode is not null, $"Still running after {timeout}:\n{command.Output}");
        Assert.True(exitCode == 0, $"Exited with {exitCode}:\n{command.Output}");
        return command.Output;
    }

    /// <summary>The exit code, or null (and the process killed) when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        if (await Task.WhenAny(_exited.Task, Task.Delay(timeout)) != _exited.Task)
        {
            Kill();
            return null;
        }
        // Not until the pipes close: a build server the command started keeps them open for minutes.
        await Task.WhenAny(Task.WhenAll(_outputClosed.Task, _errorClosed.Task), Task.Delay(TimeSpan.FromSeconds(5)));
        return await _exited.Task;
    }

    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static bool IsInherited(string variable) =>
        variable.Contains("__", StringComparison.Ordinal) || variable.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) ||
        variable is "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT" or "ASPNETCORE_URLS";

    private void Append(string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }
        lock (_output) _output.AppendLine(line);
    }
}
