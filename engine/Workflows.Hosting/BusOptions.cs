using System.ComponentModel.DataAnnotations;

namespace Workflows.Hosting;

/// <summary>Section <c>Bus</c>: how long RabbitMQ keeps what no consumer could handle; a bad value stops the process at start.</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    /// <summary>
    /// How long a message stays in an <c>_error</c> (faulted) or <c>_skipped</c> (no consumer) queue before RabbitMQ drops
    /// it (<c>x-message-ttl</c>); at most 49 days (2^32 ms, the largest TTL older RabbitMQ versions accept).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "49.00:00:00")]
    public TimeSpan ErrorQueueTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>At most this many messages in each <c>_error</c> or <c>_skipped</c> queue (<c>x-max-length</c>); beyond it the oldest is dropped.</summary>
    [Range(1, 100_000_000)]
    public int ErrorQueueMaxLength { get; set; } = 100_000;
}
