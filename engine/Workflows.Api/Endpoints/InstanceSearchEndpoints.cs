using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Api.Http;
using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Api.Endpoints;

/// <summary><c>GET /api/instances</c>: instances across workflows, filtered by workflow, status, metadata and creation time, newest first.</summary>
internal static class InstanceSearchEndpoints
{
    private const string MetadataPrefix = "metadata.";

    public static RouteGroupBuilder MapInstanceSearch(this RouteGroupBuilder api)
    {
        api.MapGet("/instances", SearchAsync)
            .WithName("SearchInstances")
            .WithTags("Instances")
            .WithSummary($"Instances of every workflow, newest first, filtered by workflow, status, metadata.{{key}}=value (each must match), createdAfter and createdBefore; {PageLimit.Default} per page by default (at most {PageLimit.Max}); pass nextCursor back as cursor.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<Ok<InstancePage>> SearchAsync(HttpRequest request, IDbContextFactory<WorkflowsDbContext> dbs, CancellationToken ct)
    {
        var query = request.Query;
        var pageSize = PageLimit.Parse(Single(query, "limit"));
        var workflow = Single(query, "workflow");
        if (workflow is not null && WorkflowNames.ValidateWorkflowName(workflow) is { } badName)
            throw ProblemException.BadRequest($"workflow: {badName}");
        var after = Cursor(Single(query, "cursor"));

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in query.Where(q => q.Key.StartsWith(MetadataPrefix, StringComparison.Ordinal)))
        {
            var key = name[MetadataPrefix.Length..];
            if (InstanceMetadata.ValidateKey(key) is { } badKey)
                throw ProblemException.BadRequest(badKey);
            if (values.Count != 1 || values[0] is not { } value || value.Length > InstanceMetadata.MaxValueLength)
                throw ProblemException.BadRequest($"{name} must be given once, with a value of at most {InstanceMetadata.MaxValueLength} characters.");
            metadata[key] = value;
        }
        if (metadata.Count > InstanceMetadata.MaxKeys)
            throw ProblemException.BadRequest($"At most {InstanceMetadata.MaxKeys} metadata filters are allowed; got {metadata.Count}.");

        var search = new InstanceSearch(workflow, State(Single(query, "status")), metadata, Instant(query, "createdAfter"), Instant(query, "createdBefore"));
        await using var db = await dbs.CreateDbContextAsync(ct);
        return TypedResults.Ok(await search.PageAsync(db, after, pageSize, ct));
    }

    /// <summary>The saga state of a <c>status</c> parameter (null: any); anything but a status is a 400.</summary>
    internal static string? State(string? status)
    {
        string? state = null;
        if (status is not null && (state = InstanceStates.FromStatus(status)) is null)
            throw ProblemException.BadRequest($"status must be one of {string.Join(", ", InstanceStatuses.All)}; got '{status}'.");
        return state;
    }

    /// <summary>A <c>cursor</c> parameter (null: the first page); a malformed one is a 400.</summary>
    internal static ListCursor? Cursor(string? cursor)
    {
        ListCursor? after = null;
        if (cursor is not null && (after = ListCursor.TryDecode(cursor)) is null)
            throw ProblemException.BadRequest("The cursor is malformed: pass back a nextCursor exactly as a previous page gave it.");
        return after;
    }

    private static string? Single(IQueryCollection query, string name)
    {
        var values = query[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw ProblemException.BadRequest($"{name} is given {values.Count} times; give it once."),
        };
    }

    private static DateTimeOffset? Instant(IQueryCollection query, string name) =>
        Single(query, name) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant
        : throw ProblemException.BadRequest($"{name} must be an ISO 8601 instant such as 2026-12-01T10:00:00Z; got '{text}'.");
}
