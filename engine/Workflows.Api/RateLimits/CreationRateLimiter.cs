using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Workflows.Api.Http;

namespace Workflows.Api.RateLimits;

/// <summary>
/// The creation token buckets of <see cref="CreationRateLimitOptions"/>, in this process. A create (or a whole batch) takes
/// one token per instance from its workflow's bucket, then from the overall one, or is refused whole with 429.
/// </summary>
public sealed class CreationRateLimiter(IOptions<CreationRateLimitOptions> options) : IDisposable
{
    private readonly Lazy<Bucket?> overall = new(() => Bucket.Of(options.Value));
    private readonly ConcurrentDictionary<string, Bucket?> workflows = new(StringComparer.Ordinal);

    /// <summary>Takes <paramref name="count"/> tokens for <paramref name="workflow"/>, or throws the 429.</summary>
    public void Take(string workflow, int count)
    {
        var own = workflows.GetOrAdd(workflow, w => options.Value.Workflows.TryGetValue(w, out var rate) ? Bucket.Of(rate) : null);
        own?.Take(count, $"workflow '{workflow}'", $"{CreationRateLimitOptions.Section}:Workflows:{workflow}");
        overall.Value?.Take(count, "this API", CreationRateLimitOptions.Section);
    }

    public void Dispose()
    {
        if (overall.IsValueCreated)
            overall.Value?.Limiter.Dispose();
        foreach (var bucket in workflows.Values)
            bucket?.Limiter.Dispose();
    }

    /// <summary>A token bucket and its size, which <see cref="TokenBucketRateLimiter"/> does not expose (a bigger request would throw).</summary>
    private sealed record Bucket(TokenBucketRateLimiter Limiter, int Size, int PerSecond)
    {
        public static Bucket? Of(CreationRate rate)
        {
            if (rate.PerSecond <= 0)
                return null;
            var size = Math.Max(1, rate.Burst ?? rate.PerSecond);
            return new Bucket(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = size,
                TokensPerPeriod = rate.PerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }), size, rate.PerSecond);
        }

        public void Take(int count, string whose, string setting)
        {
            if (count > Size)
                throw TooMany($"A batch of {count} is more than the creation burst of {whose} ({setting}: {Size}); send at most {Size} at a time.",
                    TimeSpan.FromSeconds(Math.Ceiling((double)Size / PerSecond)));
            using var lease = Limiter.AttemptAcquire(count);
            if (lease.IsAcquired)
                return;
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
            throw TooMany($"Creating {count} instance(s) now would exceed the creation rate of {whose} ({setting}: {PerSecond}/s, burst {Size}).", wait);
        }

        private static ProblemException TooMany(string detail, TimeSpan wait) =>
            new(StatusCodes.Status429TooManyRequests, "Too Many Requests", detail)
            {
                RetryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds))),
            };
    }
}
