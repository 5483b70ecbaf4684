using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Storage.History;
using Workflows.Runtime;

namespace Workflows.Storage.Tests.History;

/// <summary>
/// What one executor process holds: a <see cref="WorkflowRunner"/> over a <see cref="PostgresHistoryStore"/> on its
/// own data source. Build a new one to model a fresh process; nothing in memory carries over, only the database.
/// </summary>
public sealed class PostgresRunner : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public PostgresRunner(NpgsqlDataSource dataSource, Script script, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton(script);
        services.AddSingleton(time);
        services.AddSingleton<IHistoryStore>(new PostgresHistoryStore(dataSource));
        services.AddWorkflowRuntime(o => o.InlineRetryThreshold = TimeSpan.Zero).AddWorkflow<ScriptedWorkflow>();
        provider = services.BuildServiceProvider();
    }

    public Task<RunOutcome> RunAsync(InstanceDescriptor instance) => provider.GetRequiredService<WorkflowRunner>().RunAsync(instance);

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
