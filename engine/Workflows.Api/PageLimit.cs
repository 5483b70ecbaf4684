using System.Globalization;
using Workflows.Api.Http;
using Workflows.Client.Models;

namespace Workflows.Api;

/// <summary>How many rows a list answers per page (instances, schedules, the dashboard's lists): one rule for all of them.</summary>
internal static class PageLimit
{
    public const int Default = InstanceQuery.DefaultLimit;

    public const int Max = InstanceQuery.MaxLimit;

    /// <summary>The <c>limit</c> query parameter: absent is <see cref="Default"/>; anything but 1 to <see cref="Max"/> is a 400.</summary>
    public static int Parse(string? limit)
    {
        if (limit is null)
            return Default;
        if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var pageSize) || pageSize is < 1 or > Max)
            throw ProblemException.BadRequest($"limit must be a whole number from 1 to {Max}; got '{limit}'.");
        return pageSize;
    }
}
