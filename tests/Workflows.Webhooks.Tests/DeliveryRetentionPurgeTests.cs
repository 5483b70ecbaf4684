using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Workflows.Hosting;
using Workflows.Storage;
using Workflows.Testing;
using Workflows.Webhooks.Jobs;

namespace Workflows.Webhooks.Tests;

/// <summary>The delivery records behind de-duplication are kept for the retention window, then purged (hourly) on PostgreSQL.</summary>
public sealed class DeliveryRetentionPurgeTests(IsolatedInfrastructure infra) : IClassFixture<IsolatedInfrastructure>
{
    [Fact]
    public async Task Records_older_than_the_retention_are_purged_at_start_and_every_hour_the_rest_are_kept()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(infra.Settings);
        builder.AddWorkflows().AddStorage();
        using var host = builder.Build();
        await host.StartAsync();
        var dbs = host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();
        var schema = host.Services.GetRequiredService<DatabaseSchema>();
        await schema.WaitUntilReadyAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new WebhooksOptions { Retention = TimeSpan.FromDays(7) });
        await AddAsync(dbs, "expired", time.GetUtcNow() - TimeSpan.FromDays(8));
        await AddAsync(dbs, "kept", time.GetUtcNow() - TimeSpan.FromDays(6));

        using var purge = new DeliveryRetentionPurge(dbs, schema, options, time, NullLogger<DeliveryRetentionPurge>.Instance);
        await purge.StartAsync(CancellationToken.None);
        await WaitForAsync(dbs, ids => !ids.Contains("expired"));
        Assert.Equal(["kept"], await IdsAsync(dbs));

        // A day and an hour later, "kept" is past the window too: the next hourly pass takes it.
        time.Advance(TimeSpan.FromDays(1));
        await WaitForAsync(dbs, ids => ids.Count == 0, advance: () => time.Advance(TimeSpan.FromHours(1)));

        await purge.StopAsync(CancellationToken.None);
        await host.StopAsync();
    }

    private static async Task AddAsync(IDbContextFactory<WorkflowsDbContext> dbs, string deliveryId, DateTimeOffset receivedAt)
    {
        await using var db = await dbs.CreateDbContextAsync();
        db.WebhookDeliveries.Add(new WebhookDeliveryRow { Source = "github", DeliveryId = deliveryId, ReceivedAt = receivedAt, Action = "started" });
        await db.SaveChangesAsync();
    }

    private static async Task<List<string>> IdsAsync(IDbContextFactory<WorkflowsDbContext> dbs)
    {
        await using var db = await dbs.CreateDbContextAsync();
        return await db.WebhookDeliveries.AsNoTracking().Select(d => d.DeliveryId).OrderBy(d => d).ToListAsync();
    }

    private static async Task WaitForAsync(IDbContextFactory<WorkflowsDbContext> dbs, Func<List<string>, bool> condition, Action? advance = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition(await IdsAsync(dbs)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the purge did not happen within 30 s");
            advance?.Invoke();
            await Task.Delay(100);
        }
    }
}
