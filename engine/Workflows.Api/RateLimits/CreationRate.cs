using System.ComponentModel.DataAnnotations;

namespace Workflows.Api.RateLimits;

/// <summary>A token bucket for instance creation: <see cref="PerSecond"/> tokens a second, at most <see cref="Burst"/> saved up.</summary>
public class CreationRate
{
    /// <summary>Instances created per second, sustained; 0 (the default) means no limit.</summary>
    [Range(0, 1_000_000)]
    public int PerSecond { get; set; }

    /// <summary>Most instances created at once (the bucket's size, and the largest batch that can pass); defaults to <see cref="PerSecond"/>.</summary>
    [Range(0, 1_000_000)]
    public int? Burst { get; set; }
}
