using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Hosting;

namespace Workflows.Scheduler.Tests;

/// <summary>Another service, as any would be wired: <c>AddWorkflows()</c> (scheduling through the Scheduler), a consumer of the probes and a saga with a timer.</summary>
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
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<ReceivedProbes>();
        builder.AddWorkflows().ConfigureBus(x =>
        {
            x.AddConsumer<ProbeConsumer>();
            x.AddSagaStateMachine<NapStateMachine, NapState>().InMemoryRepository();
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
