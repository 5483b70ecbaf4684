using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>
/// The distributed stack with recovery within seconds and the flow-control settings the tests exercise: <c>limited</c>
/// (declared MaxConcurrent 2, per tenant 1) raised to 3 by configuration, <c>approval</c> limited to 3 by configuration
/// alone, and a creation rate on <c>nonretryable</c>.
/// </summary>
public sealed class FlowControlStack : FastRecoveryStack
{
    public const int MaxConcurrent = 3;
    public const int RatePerSecond = 2;
    public const int RateBurst = 4;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings)
    {
        // The flow-control tests create in batches on a loaded machine: they need no short create timeout.
        ["Api:RequestTimeout"] = "00:00:30",
        ["Workflows:Limits:limited:MaxConcurrent"] = $"{MaxConcurrent}",
        ["Workflows:Limits:approval:MaxConcurrent"] = $"{MaxConcurrent}",
        ["Workflows:RateLimits:Create:Workflows:nonretryable:PerSecond"] = $"{RatePerSecond}",
        ["Workflows:RateLimits:Create:Workflows:nonretryable:Burst"] = $"{RateBurst}",
    };
}
