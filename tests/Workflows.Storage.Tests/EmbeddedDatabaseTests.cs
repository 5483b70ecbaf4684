using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Hosting;
using Workflows.Runtime;
using Workflows.Testing;

namespace Workflows.Storage.Tests;

/// <summary>The embedded default's SQLite file, as the embedded engine opens it: it holds every payload.</summary>
public sealed class EmbeddedDatabaseTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"workflows-embedded-{Guid.NewGuid():N}");

    private string StateDirectory => Path.Combine(_root, "state");

    private string DatabaseFile => Path.Combine(StateDirectory, "engine.db");

    [Fact]
    public async Task The_state_directory_the_database_and_its_write_ahead_log_are_readable_by_their_owner_only()
    {
        // Windows has no Unix modes: a new file inherits its folder's ACL.
        if (OperatingSystem.IsWindows()) return;
        using var host = await StartAsync();
        await AppendEventAsync(host, "evt-1");

        Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(StateDirectory));
        foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" })
            Assert.True(File.GetUnixFileMode(file) == OwnerOnly, $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_database_file_an_earlier_version_left_readable_by_everyone_is_made_owner_only()
    {
        // Windows has no Unix modes: a new file inherits its folder's ACL.
        if (OperatingSystem.IsWindows()) return;
        Directory.CreateDirectory(StateDirectory);
        await File.WriteAllBytesAsync(DatabaseFile, []);
        File.SetUnixFileMode(DatabaseFile, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var host = await StartAsync();

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(DatabaseFile));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_duplicate_event_is_ignored_and_logs_no_error()
    {
        var logs = new LogCapture();
        using var host = await StartAsync(logs);
        Assert.True(await AppendEventAsync(host, "evt-dup"));
        var before = logs.Entries.Count;

        var appended = await AppendEventAsync(host, "evt-dup");

        Assert.False(appended);
        Assert.DoesNotContain(logs.Entries.Skip(before), e => e.Level >= LogLevel.Warning || (e.Level >= LogLevel.Information && e.Exception is not null));
        await host.StopAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private static Task<bool> AppendEventAsync(IHost host, string eventId) =>
        host.Services.GetRequiredService<IHistoryStore>().AppendEventAsync(new InboxEvent("instance-1", eventId, "approval", "{}", DateTimeOffset.UtcNow));

    private async Task<IHost> StartAsync(LogCapture? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        if (logs is not null)
            builder.Logging.AddProvider(logs);
        builder.AddWorkflows().UseEmbeddedInfrastructure($"Data Source={DatabaseFile}").AddStorage();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
