namespace Workflows.Benchmarks.Stack;

/// <summary>RabbitMQ's message counters of one vhost: published, confirmed to their publisher, and delivered to consumers.</summary>
internal sealed record BrokerCounters(long Published, long Confirmed, long Delivered)
{
    public BrokerCounters Since(BrokerCounters before) =>
        new(Published - before.Published, Confirmed - before.Confirmed, Delivered - before.Delivered);
}
