using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workflows.Api;
using Workflows.Api.Endpoints;
using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Dashboard.Pages;

/// <summary>
/// One workflow's instances, newest first, filtered by status and creation date, a page at a time with the API's keyset
/// cursor: each page is one indexed query however many instances there are (no total count).
/// </summary>
public sealed class InstancesModel(IDbContextFactory<WorkflowsDbContext> dbs) : DashboardPage
{

    internal IReadOnlyList<string> WorkflowNames { get; private set; } = [];
    internal string? Workflow { get; private set; }
    internal string? Status { get; private set; }
    internal string? CreatedOnOrBefore { get; private set; }
    internal InstancePage? Listing { get; private set; }
    internal string? Problem { get; private set; }

    /// <summary>The filters come from the query string, so a filtered list is a link.</summary>
    public async Task OnGetAsync(string? workflow, string? status, string? created, string? cursor, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        WorkflowNames = await db.WorkflowDefinitions.AsNoTracking().OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(ct);
        Workflow = string.IsNullOrEmpty(workflow) ? WorkflowNames.FirstOrDefault() : workflow;
        Status = string.IsNullOrEmpty(status) ? null : status;
        CreatedOnOrBefore = string.IsNullOrEmpty(created) ? null : created;
        if (Workflow is null)
            return;

        string? state = null;
        if (Status is not null && (state = InstanceStates.FromStatus(Status)) is null)
            Problem = $"status must be one of {string.Join(", ", InstanceStatuses.All)}.";
        DateTimeOffset? before = null;
        if (CreatedOnOrBefore is not null)
        {
            if (DateOnly.TryParseExact(CreatedOnOrBefore, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                before = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            else
                Problem = "The date must be yyyy-MM-dd.";
        }
        ListCursor? after = null;
        if (cursor is not null && (after = ListCursor.TryDecode(cursor)) is null)
            Problem = "The cursor is malformed: follow the Next link.";
        if (Problem is null)
            Listing = await InstanceEndpoints.ListPageAsync(db, Workflow, state, after, PageLimit.Default, before, ct);
    }
}
