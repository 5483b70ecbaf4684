using Microsoft.Extensions.DependencyInjection;
using Workflows.Contracts;
using Workflows.Hosting;
using Workflows.Runtime;
using Workflows.Sdk;
using Workflows.Executor.Schedules;
using Workflows.Storage.Schedules;

namespace Workflows.Executor;

/// <summary>Schedules declared in code, next to the workflows they start.</summary>
public static class ScheduleExtensions
{
    /// <summary>
    /// Runs <typeparamref name="TWorkflow"/> in this process (as <c>AddWorkflow&lt;T&gt;()</c>) and declares a schedule of
    /// it, upserted at every start: the first start creates it, a restart with the same declaration changes nothing (no
    /// second schedule, no extra firing), a changed declaration updates it (its counts kept). Give exactly one of
    /// <paramref name="every"/> (such as <c>"5 minutes"</c>, at least 1 second) and <paramref name="cron"/> (5 fields, or
    /// 6 with seconds first). An invalid declaration stops the process at start with the reason.
    /// </summary>
    /// <param name="builder">The process's composition.</param>
    /// <param name="id">The schedule id: 1–83 chars of [A-Za-z0-9_-], first not '-'.</param>
    /// <param name="every">The interval.</param>
    /// <param name="params">The params every instance gets (serialized as the workflow's params).</param>
    /// <param name="cron">The cron expression.</param>
    /// <param name="timeZone">The cron's time zone (IANA name); UTC when null.</param>
    /// <param name="overlap">A <see cref="ScheduleOverlaps"/> policy; <see cref="ScheduleOverlaps.Skip"/> when null.</param>
    /// <param name="startAt">No firing before this instant; from now when null.</param>
    /// <param name="endAt">No firing after this instant (it must be later than <paramref name="startAt"/>); never ends when null.</param>
    /// <returns>The builder.</returns>
    public static WorkflowsBuilder AddSchedule<TWorkflow>(
        this WorkflowsBuilder builder, string id, string? every = null, object? @params = null, string? cron = null, string? timeZone = null, string? overlap = null,
        DateTimeOffset? startAt = null, DateTimeOffset? endAt = null)
        where TWorkflow : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddWorkflow<TWorkflow>();
        var definition = new ScheduleDefinition(
            id, WorkflowAttribute.NameOf(typeof(TWorkflow)), @params is null ? null : WorkflowJson.Serialize(@params),
            every, cron, timeZone, overlap ?? ScheduleOverlaps.Skip, startAt, endAt);
        if (definition.Validate(out _) is { } problem)
            throw new ArgumentException($"Schedule '{id}' of {typeof(TWorkflow).Name}: {problem}", nameof(id));
        builder.Services.AddSingleton(definition);
        if (builder.TryAddPart("declared-schedules"))
            builder.Services.AddHostedService<DeclaredSchedules>();
        return builder;
    }
}
