using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflows.ServiceDefaults;

namespace Workflows.Scheduler.Tests;

/// <summary>Another service, as any would be wired: service defaults, <c>AddWorkflowsScheduler()</c> and a consumer of the probes.</summary>
public sealed class ClientHost : IAsyncDisposable
{
    public static readonly Uri ProbeQueue = new("queue:probe");

    private readonly IHost _host;

    private ClientHost(IHost host) => _host = host;

    public ReceivedProbes Received => _host.Services.GetRequiredService<ReceivedProbes>();

    public IMessageScheduler Scheduler => _host.Services.GetRequiredService<IMessageScheduler>();

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public static async Task<ClientHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<ReceivedProbes>();
        builder.AddServiceDefaults(x =>
        {
            x.AddWorkflowsScheduler();
            x.AddConsumer<ProbeConsumer>();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ClientHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
