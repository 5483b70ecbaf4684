using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Contracts;
using Workflows.Storage;
using Workflows.Storage.Schedules;

namespace Workflows.Executor.Schedules;

/// <summary>
/// Upserts the schedules this process declares (<see cref="Workflows.Executor.ScheduleExtensions.AddSchedule{TWorkflow}"/>) once the
/// schema is up to date, and tells the Scheduler about the ones that changed; retried until it succeeds.
/// </summary>
public sealed class DeclaredSchedules(
    IEnumerable<ScheduleDefinition> definitions,
    IDbContextFactory<WorkflowsDbContext> factory,
    DatabaseSchema schema,
    IBus bus,
    TimeProvider time,
    ILogger<DeclaredSchedules> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await schema.WaitUntilReadyAsync(stoppingToken);
            var pending = definitions.ToList();
            while (pending.Count > 0)
            {
                foreach (var definition in pending.ToList())
                {
                    try
                    {
                        await UpsertAsync(definition, stoppingToken);
                        pending.Remove(definition);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        logger.LogWarning(e, "Could not upsert the declared schedule {Schedule}; retrying", definition.Id);
                    }
                }
                if (pending.Count > 0)
                    await Task.Delay(RetryInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task UpsertAsync(ScheduleDefinition definition, CancellationToken ct)
    {
        definition.Validate(out var spec);
        var (outcome, _) = await ScheduleStore.UpsertAsync(factory, definition, spec!, time.GetUtcNow(), ct);
        logger.LogInformation("Declared schedule {Schedule}: {Outcome}.", definition.Id, outcome);
        if (outcome == ScheduleUpsert.Unchanged)
            return;
        var endpoint = await bus.GetSendEndpoint(QueueNames.Address(QueueNames.Schedules));
        await endpoint.Send(new ScheduleChanged(definition.Id), ct);
    }
}
