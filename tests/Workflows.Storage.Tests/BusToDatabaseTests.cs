using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflows.Hosting;
using Workflows.Runtime;
using Workflows.Testing;

namespace Workflows.Storage.Tests;

public sealed record ProbeRequested(string InstanceId);

public sealed class ProbeConsumer(IDbContextFactory<WorkflowsDbContext> factory) : IConsumer<ProbeRequested>
{
    public async Task Consume(ConsumeContext<ProbeRequested> context)
    {
        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        db.Instances.Add(new WorkflowInstance
        {
            CorrelationId = InstanceIds.Correlation(context.Message.InstanceId),
            InstanceId = context.Message.InstanceId,
            Workflow = "probe",
            CurrentState = InstanceStates.Running,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

public sealed class BusToDatabaseTests(IsolatedInfrastructure infra) : IClassFixture<IsolatedInfrastructure>
{
    [Fact]
    public async Task A_message_published_by_one_host_is_written_to_postgres_by_a_consumer_in_another()
    {
        using var consumerHost = BuildHost(x => x.AddConsumer<ProbeConsumer>(), persistence: true);
        using var publisherHost = BuildHost(_ => { }, persistence: false);
        await consumerHost.StartAsync();
        await publisherHost.StartAsync();

        var id = $"probe-{Guid.NewGuid():N}";
        await publisherHost.Services.GetRequiredService<IPublishEndpoint>().Publish(new ProbeRequested(id));

        var factory = consumerHost.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();
        WorkflowInstance? row = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (row is null && DateTime.UtcNow < deadline)
        {
            await using var db = await factory.CreateDbContextAsync();
            row = await db.Instances.AsNoTracking().SingleOrDefaultAsync(x => x.InstanceId == id);
            if (row is null) await Task.Delay(50);
        }

        Assert.NotNull(row);
        Assert.Equal("probe", row.Workflow);
        Assert.Equal(InstanceStates.Running, row.CurrentState);
        Assert.Equal(InstanceIds.Correlation(id), row.CorrelationId);
        Assert.NotEqual(0u, row.Version);

        await publisherHost.StopAsync();
        await consumerHost.StopAsync();
    }

    private IHost BuildHost(Action<IBusRegistrationConfigurator> bus, bool persistence)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(infra.Settings);
        // The publish right after start must find the consumer's queue bound to the message's exchange.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var workflows = builder.AddWorkflows().ConfigureBus(bus);
        if (persistence) workflows.AddStorage();
        return builder.Build();
    }
}
