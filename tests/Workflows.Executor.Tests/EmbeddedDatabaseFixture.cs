using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Hosting;
using Workflows.Storage;

namespace Workflows.Executor.Tests;

/// <summary>The embedded default's database as the DevHost composes it: a SQLite file of its own (a temp file), its schema created at start.</summary>
public sealed class EmbeddedDatabaseFixture : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"workflows-executor-tests-{Guid.NewGuid():N}.db");
    private IHost? _host;

    public IDbContextFactory<WorkflowsDbContext> DbContextFactory => _host!.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddWorkflows().UseEmbeddedInfrastructure($"Data Source={_file}").AddStorage();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
            File.Delete(file);
    }
}
