using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Workflows.Hosting.Tests;

public sealed class WorkflowsBuilderTests
{
    [Fact]
    public void A_process_composed_by_AddWorkflows_sends_MassTransit_no_usage_telemetry()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.AddWorkflows().UseEmbeddedInfrastructure("Data Source=:memory:");
        using var host = builder.Build();

        Assert.False(host.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }
}
