namespace Workflows.Client.Models;

/// <summary>What <c>GET /api/instances</c> filters by; every filter is optional and they combine with AND.</summary>
public sealed record InstanceQuery
{
    /// <summary>The most rows a page of a list holds (instances and schedules): the server's limit, so a client can check a page size before sending it.</summary>
    public const int MaxLimit = 100;

    /// <summary>The rows a page holds when no limit is given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Only this workflow's instances.</summary>
    public string? Workflow { get; init; }

    /// <summary>Only instances in this status (one of <c>Workflows.Contracts.InstanceStatuses</c>).</summary>
    public string? Status { get; init; }

    /// <summary>Only instances whose metadata has each of these keys with exactly this value.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Only instances created at or after this instant.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary>Only instances created before this instant.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Instances per page, 1 to <see cref="MaxLimit"/> (the server's default is <see cref="DefaultLimit"/>).</summary>
    public int? Limit { get; init; }
}
