using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Api;
using Workflows.Api.Endpoints;
using Workflows.Api.Http;
using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Dashboard.Pages;

/// <summary>
/// The schedules, newest first, a page at a time with the API's keyset cursor, and their actions (pause, resume, trigger,
/// delete). Everything runs through <see cref="ScheduleEndpoints"/>, so the rules and messages are the API's.
/// </summary>
public sealed class SchedulesModel(
    IDbContextFactory<WorkflowsDbContext> dbs, ISendEndpointProvider send, IOptions<ApiOptions> api, TimeProvider time, ILoggerFactory loggers)
    : DashboardPage
{
    internal SchedulePage? Listing { get; private set; }
    internal string? Problem { get; private set; }

    /// <summary>The page the cursor points at (the first without one).</summary>
    public async Task OnGetAsync(string? cursor, CancellationToken ct)
    {
        try
        {
            Listing = (await ScheduleEndpoints.ListAsync(null, string.IsNullOrEmpty(cursor) ? null : cursor, Route(ct))).Value;
        }
        catch (ProblemException e)
        {
            Problem = e.Message;
        }
    }

    /// <summary>Stops the schedule's firings until it is resumed.</summary>
    public Task<IActionResult> OnPostPauseAsync(string id, string? cursor, CancellationToken ct) =>
        ActAsync(async () =>
        {
            await ScheduleEndpoints.SetStateAsync(id, ScheduleStates.Paused, Route(ct));
            return $"Schedule '{id}' is paused.";
        }, () => Back(cursor));

    /// <summary>Fires the schedule again from its next slot.</summary>
    public Task<IActionResult> OnPostResumeAsync(string id, string? cursor, CancellationToken ct) =>
        ActAsync(async () =>
        {
            await ScheduleEndpoints.SetStateAsync(id, ScheduleStates.Active, Route(ct));
            return $"Schedule '{id}' is active.";
        }, () => Back(cursor));

    /// <summary>Fires the schedule now, under its overlap policy.</summary>
    public Task<IActionResult> OnPostTriggerAsync(string id, string? cursor, [FromServices] IRequestClient<TriggerSchedule> client, CancellationToken ct) =>
        ActAsync(async () =>
        {
            var fired = (await ScheduleEndpoints.TriggerAsync(id, Route(ct), client)).Value!;
            return fired.InstanceId is { } instance
                ? $"Schedule '{id}' {fired.Outcome}: instance {instance}."
                : $"Schedule '{id}' {fired.Outcome}.";
        }, () => Back(cursor));

    /// <summary>Deletes the schedule; the instances it created are left alone.</summary>
    public Task<IActionResult> OnPostDeleteAsync(string id, string? cursor, CancellationToken ct) =>
        ActAsync(async () =>
        {
            await ScheduleEndpoints.DeleteAsync(id, Route(ct));
            return $"Schedule '{id}' is deleted.";
        }, () => Back(cursor));

    private ScheduleEndpoints.ScheduleRoute Route(CancellationToken ct) => new(dbs, send, api, time, new Logger<ScheduleEndpoints.ScheduleRoute>(loggers), ct);

    private RedirectToPageResult Back(string? cursor) =>
        string.IsNullOrEmpty(cursor) ? RedirectToPage("/Schedules") : RedirectToPage("/Schedules", new { cursor });
}
