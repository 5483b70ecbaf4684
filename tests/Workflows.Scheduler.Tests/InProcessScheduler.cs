using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Hosting;

namespace Workflows.Scheduler.Tests;

/// <summary>The Scheduler service hosted in the test process, wired exactly as its Program.cs wires it.</summary>
public sealed class InProcessScheduler : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessScheduler(IHost host) => _host = host;

    public static async Task<InProcessScheduler> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddWorkflows().AddScheduler();
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessScheduler(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
