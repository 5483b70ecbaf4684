using System.Security.Cryptography;
using System.Text;
using MassTransit;
using MassTransit.Scheduling;
using Workflows.Hosting;
using Workflows.Contracts;

namespace Workflows.Scheduler.Consumers;

/// <summary>
/// The <c>scheduler</c> receive endpoint every scheduler consumer shares. Commands for one schedule are partitioned by
/// its key, so a cancel that arrives right behind its schedule is never handled before it; database hiccups are retried.
/// </summary>
public sealed class SchedulerEndpointDefinition :
    IEndpointDefinition<ScheduleMessageConsumer>,
    IEndpointDefinition<ScheduleRecurringMessageConsumer>,
    IEndpointDefinition<CancelScheduledMessageConsumer>,
    IEndpointDefinition<RecurringScheduleControlConsumer>
{
    private const int Concurrency = 32;

    public bool ConfigureConsumeTopology => true;

    public bool IsTemporary => false;

    public int? PrefetchCount => Concurrency * 2;

    public int? ConcurrentMessageLimit => Concurrency;

    public string GetEndpointName(IEndpointNameFormatter formatter) => QueueNames.Scheduler;

    public void Configure<T>(T configurator, IRegistrationContext? context = null)
        where T : IReceiveEndpointConfigurator
    {
        configurator.UseMessageRetry(r =>
        {
            r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
            if (context is not null)
                RetryLog.Connect(r, context, LogLevel.Warning, "a failure");
        });
        var partitioner = configurator.CreatePartitioner(Concurrency);
        configurator.UsePartitioner<ScheduleMessage>(partitioner, c => c.Message.CorrelationId);
        configurator.UsePartitioner<CancelScheduledMessage>(partitioner, c => c.Message.TokenId);
        configurator.UsePartitioner<ScheduleRecurringMessage>(partitioner, c => RecurringKey(c.Message.Schedule.ScheduleGroup, c.Message.Schedule.ScheduleId));
        configurator.UsePartitioner<CancelScheduledRecurringMessage>(partitioner, c => RecurringKey(c.Message.ScheduleGroup, c.Message.ScheduleId));
        configurator.UsePartitioner<PauseScheduledRecurringMessage>(partitioner, c => RecurringKey(c.Message.ScheduleGroup, c.Message.ScheduleId));
        configurator.UsePartitioner<ResumeScheduledRecurringMessage>(partitioner, c => RecurringKey(c.Message.ScheduleGroup, c.Message.ScheduleId));
    }

    // The partitioner keys on a Guid; a recurring schedule is named by group and id.
    private static Guid RecurringKey(string? group, string id) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"{group},{id}")).AsSpan(0, 16));
}
