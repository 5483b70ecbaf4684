using Microsoft.EntityFrameworkCore;
using Workflows.Client.Models;
using Workflows.Storage;

namespace Workflows.Api;

/// <summary>
/// What an instance list filters by (the API's two lists and the dashboard's), and one keyset page of it, newest first.
/// With a metadata filter the page is read from <c>instance_metadata</c>'s (key, value, created_at, instance_id) index in
/// order; without one, from the instances' (workflow, created_at, instance_id) or (created_at, instance_id) index.
/// </summary>
internal sealed record InstanceSearch(
    string? Workflow = null,
    string? State = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    DateTimeOffset? CreatedAfter = null,
    DateTimeOffset? CreatedBefore = null)
{
    public async Task<InstancePage> PageAsync(WorkflowsDbContext db, ListCursor? after, int pageSize, CancellationToken ct)
    {
        var rows = Metadata is { Count: > 0 } metadata
            ? await ByMetadata(db, metadata, after).Take(pageSize + 1).ToListAsync(ct)
            : await ByInstance(db, after).Take(pageSize + 1).ToListAsync(ct);

        var page = rows.Take(pageSize).ToList();
        var ids = page.Select(r => r.InstanceId).ToList();
        var metadataRows = await db.InstanceMetadata.AsNoTracking().Where(m => ids.Contains(m.InstanceId)).ToListAsync(ct);
        var byInstance = metadataRows.GroupBy(m => m.InstanceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, string>)g.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal), StringComparer.Ordinal);

        var summaries = page
            .Select(x => new InstanceSummary(x.InstanceId, InstanceStates.StatusOf(x.CurrentState), x.CreatedAt, x.StartedAt, x.EndedAt)
            {
                Workflow = x.Workflow,
                Priority = x.Priority,
                Metadata = byInstance.GetValueOrDefault(x.InstanceId),
            })
            .ToList();
        var next = rows.Count > pageSize ? new ListCursor(page[^1].CreatedAt, page[^1].InstanceId).Encode() : null;
        return new InstancePage(summaries, next);
    }

    /// <summary>Keyset on (created_at, instance_id): instances created meanwhile sort before the cursor, so no row is seen twice or skipped.</summary>
    private IQueryable<Row> ByInstance(WorkflowsDbContext db, ListCursor? after)
    {
        var query = db.Instances.AsNoTracking().AsQueryable();
        if (Workflow is not null)
            query = query.Where(x => x.Workflow == Workflow);
        if (State is not null)
            query = query.Where(x => x.CurrentState == State);
        if (CreatedAfter is { } from)
            query = query.Where(x => x.CreatedAt >= from);
        if (CreatedBefore is { } before)
            query = query.Where(x => x.CreatedAt < before);
        // The redundant "<=" bounds the index scan; the OR alone would make PostgreSQL start from the newest row on every page.
        if (after is not null)
            query = query.Where(x => x.CreatedAt <= after.CreatedAt
                && (x.CreatedAt < after.CreatedAt || (x.CreatedAt == after.CreatedAt && string.Compare(x.InstanceId, after.InstanceId) < 0)));
        return query
            .OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.InstanceId)
            .Select(x => new Row(x.InstanceId, x.Workflow, x.CurrentState, x.CreatedAt, x.StartedAt, x.EndedAt, x.Priority));
    }

    /// <summary>The first metadata filter walks its index in keyset order; the other filters are checked per row.</summary>
    private IQueryable<Row> ByMetadata(WorkflowsDbContext db, IReadOnlyDictionary<string, string> metadata, ListCursor? after)
    {
        var (key, value) = metadata.First();
        var matches = db.InstanceMetadata.AsNoTracking().Where(m => m.Key == key && m.Value == value);
        foreach (var (otherKey, otherValue) in metadata.Skip(1))
            matches = matches.Where(m => db.InstanceMetadata.Any(o => o.InstanceId == m.InstanceId && o.Key == otherKey && o.Value == otherValue));
        if (CreatedAfter is { } from)
            matches = matches.Where(m => m.CreatedAt >= from);
        if (CreatedBefore is { } before)
            matches = matches.Where(m => m.CreatedAt < before);
        if (after is not null)
            matches = matches.Where(m => m.CreatedAt <= after.CreatedAt
                && (m.CreatedAt < after.CreatedAt || (m.CreatedAt == after.CreatedAt && string.Compare(m.InstanceId, after.InstanceId) < 0)));

        var joined = matches.Join(db.Instances.AsNoTracking(), m => m.InstanceId, i => i.InstanceId, (m, i) => new { m.CreatedAt, m.InstanceId, Instance = i });
        if (Workflow is not null)
            joined = joined.Where(x => x.Instance.Workflow == Workflow);
        if (State is not null)
            joined = joined.Where(x => x.Instance.CurrentState == State);
        return joined
            .OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.InstanceId)
            .Select(x => new Row(x.InstanceId, x.Instance.Workflow, x.Instance.CurrentState, x.Instance.CreatedAt, x.Instance.StartedAt, x.Instance.EndedAt, x.Instance.Priority));
    }

    private sealed record Row(string InstanceId, string Workflow, string CurrentState, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int Priority);
}
