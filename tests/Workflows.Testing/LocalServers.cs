using System.Diagnostics;

namespace Workflows.Testing;

/// <summary>
/// Restarts the shared RabbitMQ or PostgreSQL that <c>deploy/local/infra.sh up</c> started, through
/// <c>deploy/local/infra.sh restart</c>. Every test that uses these servers sees the restart, so only tests that run on
/// their own may call it (the fault-injection suite; <c>deploy/local/test.sh</c> runs it after everything else).
/// </summary>
public static class LocalServers
{
    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";

    /// <summary>Stops and starts <paramref name="server"/> (<see cref="Postgres"/> or <see cref="RabbitMq"/>); returns once it accepts connections again.</summary>
    public static async Task RestartAsync(string server)
    {
        var script = FindScript();
        var info = new ProcessStartInfo("bash") { ArgumentList = { script, "restart", server }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not run {script}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} restart {server} exited {process.ExitCode}: {await output}{await error}");
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "deploy", "local", "infra.sh");
            if (File.Exists(script)) return script;
        }
        throw new InvalidOperationException(
            $"deploy/local/infra.sh was not found above {AppContext.BaseDirectory}: restarting a server needs the local infrastructure of `{InfrastructureEndpoints.StartCommand}`.");
    }
}
