using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;
using Workflows.Hosting;
using Workflows.Scheduler.Consumers;
using Workflows.Scheduler.Jobs;
using Workflows.Scheduler.Schedules;
using Workflows.Storage;

namespace Workflows.Scheduler;

/// <summary>Registration of the Scheduler part: MassTransit's scheduler endpoint on Quartz, clustered on PostgreSQL.</summary>
public static class SchedulerExtensions
{
    private const string Part = "scheduler";
    private const string SchedulesPart = "schedules";

    /// <summary>
    /// The Scheduler part: the consumers of MassTransit's scheduling commands on the <c>scheduler</c> queue, and Quartz
    /// (started and stopped with the bus) with its ADO job store on <c>ConnectionStrings:Postgres</c> (tables
    /// <c>{TablePrefix}*</c>, created when missing), clustered, System.Text.Json job data; settings in section <c>Scheduler</c>.
    /// Needs RabbitMQ and PostgreSQL: the embedded default keeps its timers in the in-memory bus instead. Includes
    /// <see cref="AddSchedules"/>, the workflow schedules, their timers as Quartz jobs.
    /// </summary>
    public static WorkflowsBuilder AddScheduler(this WorkflowsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.TryAddPart(Part))
            return builder;
        var options = builder.Configuration.ReadValidated<SchedulerOptions>(SchedulerOptions.Section);
        builder.AddSchedules();
        builder.ConfigureInfrastructure((infrastructure, services) =>
        {
            if (infrastructure.Embedded)
                throw new MissingSettingException($"The Scheduler needs {PostgresSettings.Key} and {RabbitMqAddress.Key}: the embedded default keeps its timers in the in-memory bus.");
            services.AddQuartz(options, PostgresSettings.Read(builder.Configuration[PostgresSettings.Key]));
        });
        return builder.ConfigureBus(bus =>
        {
            bus.TryAddSingleton<SchedulerEndpointDefinition>();
            bus.AddConsumer<ScheduleMessageConsumer, SchedulerConsumerDefinition<ScheduleMessageConsumer>>();
            bus.AddConsumer<ScheduleRecurringMessageConsumer, SchedulerConsumerDefinition<ScheduleRecurringMessageConsumer>>();
            bus.AddConsumer<CancelScheduledMessageConsumer, SchedulerConsumerDefinition<CancelScheduledMessageConsumer>>();
            bus.AddConsumer<RecurringScheduleControlConsumer, SchedulerConsumerDefinition<RecurringScheduleControlConsumer>>();
            bus.AddBusObserver<StartQuartzWithBusObserver>();
        });
    }

    /// <summary>
    /// Workflow schedules (docs/schedules.md): the <c>schedules</c> queue (changes, triggers, the end of a schedule's
    /// instance for bufferOne) and the firing. Their timers: Quartz jobs when the process is a Scheduler
    /// (<see cref="AddScheduler"/> adds this part), a ticker over the schedules table in the embedded default.
    /// </summary>
    public static WorkflowsBuilder AddSchedules(this WorkflowsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.TryAddPart(SchedulesPart))
            return builder;
        builder.AddStorage();
        builder.Services.AddValidatedOptions<SchedulerOptions>(SchedulerOptions.Section);
        builder.Services.TryAddSingleton<SchedulerMetrics>();
        builder.Services.TryAddSingleton<ScheduleFirer>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.ConfigureInfrastructure((infrastructure, services) =>
        {
            if (infrastructure.Embedded)
            {
                services.AddSingleton<EmbeddedScheduleTicker>();
                services.AddSingleton<IScheduleTimers>(sp => sp.GetRequiredService<EmbeddedScheduleTicker>());
                services.AddHostedService(sp => sp.GetRequiredService<EmbeddedScheduleTicker>());
            }
            else
            {
                services.AddSingleton<QuartzScheduleTimers>();
                services.AddSingleton<IScheduleTimers>(sp => sp.GetRequiredService<QuartzScheduleTimers>());
                services.AddHostedService<ScheduleTimerSync>();
            }
        });
        return builder.ConfigureBus(bus => bus.AddConsumer<SchedulesConsumer, SchedulesConsumerDefinition>());
    }

    private static void AddQuartz(this IServiceCollection services, SchedulerOptions options, string postgres) =>
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "workflows-scheduler";
                s.MaxBatchSize = options.ThreadCount;
            });
            q.UseDefaultThreadPool(options.ThreadCount);
            q.AddJob<SendScheduledMessageJob>(j => j.WithIdentity(ScheduleKeys.OneShotJob).StoreDurably().RequestRecovery());
            // /health: unhealthy when Quartz cannot reach its store or has shut down, degraded until the bus has started it.
            q.AddQuartzHealthChecks();
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(postgres);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = options.ClusterCheckinInterval;
                    c.CheckinMisfireThreshold = options.ClusterCheckinInterval;
                });
                store.ProvisionSchema();
                store.ConfigureStore(s =>
                {
                    s.TablePrefix = options.TablePrefix;
                    s.MisfireThreshold = options.MisfireThreshold;
                    s.StoreJobDataAsStrings = true;
                    // Storing a schedule takes no TRIGGER_ACCESS row lock, so ScheduleMessages are stored in parallel instead of one
                    // commit at a time; PostgreSQL's row visibility keeps a trigger out of acquisition until its insert commits.
                    s.LockOnInsert = false;
                });
            });
        });
}
