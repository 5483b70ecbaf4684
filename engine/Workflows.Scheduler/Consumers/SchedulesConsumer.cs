using MassTransit;
using Microsoft.EntityFrameworkCore;
using Workflows.Contracts;
using Workflows.Scheduler.Schedules;
using Workflows.Storage;
using Workflows.Storage.Schedules;

namespace Workflows.Scheduler.Consumers;

/// <summary>
/// The <c>schedules</c> queue: a changed schedule gets its timer set from its row, a trigger fires now, and the end of
/// an instance a schedule fired starts the firing bufferOne held for it.
/// </summary>
public sealed class SchedulesConsumer(IDbContextFactory<WorkflowsDbContext> factory, ScheduleFirer firer, IScheduleTimers timers) :
    IConsumer<ScheduleChanged>,
    IConsumer<TriggerSchedule>,
    IConsumer<InstanceCompleted>,
    IConsumer<InstanceErrored>,
    IConsumer<InstanceTerminated>
{
    public async Task Consume(ConsumeContext<ScheduleChanged> context)
    {
        var id = context.Message.ScheduleId;
        DateTimeOffset? next;
        await using (var db = await factory.CreateDbContextAsync(context.CancellationToken))
            next = await db.Schedules.AsNoTracking()
                .Where(s => s.Id == id && s.State == ScheduleStates.Active)
                .Select(s => s.NextFireAt)
                .FirstOrDefaultAsync(context.CancellationToken);
        await timers.SetAsync(id, next, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<TriggerSchedule> context) =>
        await context.RespondAsync(await firer.TriggerAsync(context.Message.ScheduleId, context.CancellationToken));

    public Task Consume(ConsumeContext<InstanceCompleted> context) => ReleaseAsync(context.Message.InstanceId, context.CancellationToken);

    public Task Consume(ConsumeContext<InstanceErrored> context) => ReleaseAsync(context.Message.InstanceId, context.CancellationToken);

    public Task Consume(ConsumeContext<InstanceTerminated> context) => ReleaseAsync(context.Message.InstanceId, context.CancellationToken);

    // Only ids a schedule made can end a schedule's previous instance; the rest cost no query.
    private Task ReleaseAsync(string instanceId, CancellationToken ct) =>
        ScheduleIds.TryParseFireId(instanceId, out var scheduleId) ? firer.ReleasePendingAsync(scheduleId, ct) : Task.CompletedTask;
}
