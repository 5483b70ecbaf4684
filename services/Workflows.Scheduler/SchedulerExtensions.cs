using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;
using Workflows.Scheduler.Consumers;
using Workflows.Scheduler.Jobs;
using Workflows.ServiceDefaults;

namespace Workflows.Scheduler;

/// <summary>Registration of the Scheduler service: MassTransit's scheduler endpoint on Quartz, clustered on PostgreSQL.</summary>
public static class SchedulerExtensions
{
    /// <summary>
    /// The consumers of MassTransit's scheduling commands on the <c>scheduler</c> queue, and Quartz started and stopped
    /// with the bus. Call inside <c>AddServiceDefaults(bus => ...)</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddSchedulerConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.TryAddSingleton<SchedulerEndpointDefinition>();
        bus.AddConsumer<ScheduleMessageConsumer, SchedulerConsumerDefinition<ScheduleMessageConsumer>>();
        bus.AddConsumer<ScheduleRecurringMessageConsumer, SchedulerConsumerDefinition<ScheduleRecurringMessageConsumer>>();
        bus.AddConsumer<CancelScheduledMessageConsumer, SchedulerConsumerDefinition<CancelScheduledMessageConsumer>>();
        bus.AddConsumer<RecurringScheduleControlConsumer, SchedulerConsumerDefinition<RecurringScheduleControlConsumer>>();
        bus.AddBusObserver<StartQuartzWithBusObserver>();
        return bus;
    }

    /// <summary>
    /// Quartz with its ADO job store on <c>ConnectionStrings:Postgres</c> (tables <c>{TablePrefix}*</c>, created when
    /// missing), clustered, System.Text.Json job data, and the options of the <c>Scheduler</c> section.
    /// </summary>
    public static TBuilder AddScheduler<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var options = ReadOptions(builder.Configuration.GetSection(SchedulerOptions.Section));
        var postgres = PostgresSettings.Read(builder.Configuration[PostgresSettings.Key]);

        builder.Services.AddSingleton<SchedulerMetrics>();
        builder.Services.AddQuartz(q =>
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
        return builder;
    }

    private static SchedulerOptions ReadOptions(IConfigurationSection section)
    {
        var options = new SchedulerOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new MissingSettingException($"{SchedulerOptions.Section} has a value of the wrong type ({e.InnerException?.Message ?? e.Message}).");
        }
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
            throw new MissingSettingException($"{SchedulerOptions.Section}: {string.Join(" ", errors.Select(e => e.ErrorMessage))}");
        return options;
    }
}
