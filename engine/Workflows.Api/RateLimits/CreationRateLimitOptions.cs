namespace Workflows.Api.RateLimits;

/// <summary>
/// Section <c>Workflows:RateLimits:Create</c> (docs/flow-control.md): the overall creation rate of this Api replica, and
/// per workflow under <c>Workflows:{workflow}</c>. Off by default; beyond a limit a create answers 429 with Retry-After.
/// </summary>
public sealed class CreationRateLimitOptions : CreationRate
{
    public const string Section = "Workflows:RateLimits:Create";

    /// <summary>Limits of single workflows, by name; each applies in addition to the overall one.</summary>
    public Dictionary<string, CreationRate> Workflows { get; } = new(StringComparer.Ordinal);
}
