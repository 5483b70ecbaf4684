using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workflows.Hosting;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.Executor.Tests;

/// <summary>
/// An Executor in this process running <see cref="GreetingWorkflow"/> and <see cref="FarewellWorkflow"/>, as
/// <c>AddWorkflows().AddWorkflow&lt;T&gt;()</c> composes it, on its own PostgreSQL database (migrated at start) and RabbitMQ vhost.
/// </summary>
public sealed class ExecutorFixture : IAsyncLifetime
{
    private readonly IsolatedInfrastructure _infrastructure = new();
    private IHost? _host;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public IDbContextFactory<WorkflowsDbContext> DbContextFactory => Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();

    public WorkflowRegistry Registry => Services.GetRequiredService<WorkflowRegistry>();

    public DatabaseSchema Schema => Services.GetRequiredService<DatabaseSchema>();

    private IServiceProvider Services => _host!.Services;

    public async Task InitializeAsync()
    {
        await _infrastructure.InitializeAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(_infrastructure.Settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddWorkflows().AddWorkflow<GreetingWorkflow>().AddWorkflow<FarewellWorkflow>();
        _host = builder.Build();
        await _host.StartAsync();
        await Schema.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        await _infrastructure.DisposeAsync();
    }
}
