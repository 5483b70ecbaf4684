using MassTransit;

namespace Workflows.Orchestrator.Sagas;

/// <summary>Routes each saga message through one partition per instance, so one replica never races itself for the row lock.</summary>
public sealed class SagaPartitioner<TSaga>(ISagaConfigurator<TSaga> saga, IPartitioner partitioner)
    where TSaga : class, ISaga
{
    /// <summary>Partitions <typeparamref name="TMessage"/> by the saga correlation id it carries.</summary>
    public SagaPartitioner<TSaga> By<TMessage>(Func<TMessage, Guid> correlationId)
        where TMessage : class
    {
        saga.Message<TMessage>(m => m.UsePartitioner(partitioner, c => correlationId(c.Message)));
        return this;
    }
}
