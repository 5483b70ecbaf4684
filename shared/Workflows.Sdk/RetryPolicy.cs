namespace Workflows.Sdk;

/// <summary>
/// How a failed step attempt is retried.
/// <see cref="Limit"/> counts retries after the first attempt (Cloudflare's meaning):
/// <c>Limit = 3</c> allows up to 4 attempts, <c>Limit = 0</c> exactly one.
/// </summary>
/// <param name="Limit">Retries after the first attempt (not counting it).</param>
/// <param name="Delay">The base delay <c>d</c>.</param>
/// <param name="Backoff">How the delay grows with the attempt number.</param>
public sealed record RetryPolicy(int Limit, Duration Delay, Backoff Backoff = Backoff.Exponential)
{
    /// <summary>The default: <c>{ Limit = 5, Delay = 10 seconds, Backoff = Exponential }</c>.</summary>
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(10), Backoff.Exponential);

    /// <summary>Retries after the first attempt: <c>Limit = 3</c> means up to 4 attempts.</summary>
    public int Limit { get; init; } = Limit >= 0
        ? Limit
        : throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "The retry limit cannot be negative.");

    /// <summary>
    /// Optional dynamic delay: given the attempt that just failed (1-based) and its error, the delay before
    /// the next attempt. When set it overrides <see cref="Delay"/> and <see cref="Backoff"/>.
    /// </summary>
    public Func<int, Exception, TimeSpan>? DynamicDelay { get; init; }

    /// <summary>The delay before the attempt after <paramref name="failedAttempt"/>.</summary>
    /// <param name="failedAttempt">The attempt that just failed, 1-based.</param>
    /// <param name="error">Its error (passed to <see cref="DynamicDelay"/>).</param>
    /// <returns>Constant <c>d</c>, linear <c>d·n</c>, exponential <c>d·2^(n-1)</c>, or the dynamic delay.</returns>
    public TimeSpan DelayAfter(int failedAttempt, Exception error)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        if (DynamicDelay is not null)
        {
            var dynamic = DynamicDelay(failedAttempt, error);
            return dynamic < TimeSpan.Zero ? TimeSpan.Zero : dynamic;
        }
        var d = Delay.Value.Ticks;
        var factor = Backoff switch
        {
            Backoff.Constant => 1d,
            Backoff.Linear => failedAttempt,
            _ => Math.Pow(2, failedAttempt - 1),
        };
        var ticks = d * factor;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }
}
