using System.Diagnostics;

namespace Workflows.Deploy.Tests;

/// <summary>A command line tool the deployment tests drive (kubectl, node, npm): its exit code and what it printed.</summary>
internal sealed record Command(int ExitCode, string Output, string Error)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static Command Run(string file, IEnumerable<string> arguments, string? workingDirectory = null, string? input = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepositoryFiles.Root,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"`{file}` is not installed ({e.Message}): the Kubernetes tests need kubectl (Debian: kubernetes-client) and Node.js with npm.");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input ?? "");
            process.StandardInput.Close();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {Timeout}.");
            }
            return new Command(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }

    /// <summary>This result, or a failure naming the command and what it printed when it did not exit 0.</summary>
    public Command Succeeded(string what) => ExitCode == 0
        ? this
        : throw new Xunit.Sdk.XunitException($"{what} exited {ExitCode}:\n{Output}\n{Error}");
}
