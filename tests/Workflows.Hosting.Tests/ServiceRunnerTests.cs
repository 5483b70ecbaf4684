using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Workflows.Hosting.Tests;

public sealed class ServiceRunnerTests
{
    [Fact]
    public async Task A_background_loop_that_fails_stops_the_service_with_exit_code_1_not_0() =>
        Assert.Equal(1, await RunWithAsync<FailingLoop>());

    [Fact]
    public async Task A_service_asked_to_stop_exits_0() =>
        Assert.Equal(0, await RunWithAsync<StoppingLoop>());

    /// <summary>A service on the embedded default with <typeparamref name="TLoop"/> beside its own loops; its exit code.</summary>
    private static Task<int> RunWithAsync<TLoop>() where TLoop : class, IHostedService
    {
        string[] args = ["--urls=http://127.0.0.1:0", "--environment=Testing"];
        return Task.Run(() => ServiceRunner.Run(args, b =>
        {
            b.AddWorkflows().UseEmbeddedInfrastructure("Data Source=:memory:");
            b.Services.AddHostedService<TLoop>();
        })).WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Asks the host to stop, as SIGTERM does.</summary>
    private sealed class StoppingLoop(IHostApplicationLifetime lifetime) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(200, stoppingToken);
            lifetime.StopApplication();
        }
    }

    private sealed class FailingLoop : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(200, stoppingToken);
            throw new InvalidOperationException("the loop broke");
        }
    }
}
