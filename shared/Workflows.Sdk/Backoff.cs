namespace Workflows.Sdk;

/// <summary>How the delay between attempts grows, for delay <c>d</c> after failed attempt <c>n</c> (1-based).</summary>
public enum Backoff
{
    /// <summary><c>d</c> every time.</summary>
    Constant,

    /// <summary><c>d·n</c>.</summary>
    Linear,

    /// <summary><c>d·2^(n-1)</c>.</summary>
    Exponential,
}
