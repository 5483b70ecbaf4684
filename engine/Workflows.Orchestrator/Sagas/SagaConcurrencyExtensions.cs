using MassTransit;
using Workflows.Hosting;

namespace Workflows.Orchestrator.Sagas;

public static class SagaConcurrencyExtensions
{
    /// <summary>
    /// The endpoint setup the EF Core saga repository expects, for a saga definition's <c>ConfigureSaga</c>: conflicts
    /// (<see cref="SagaConflicts.IsConflict"/>) are retried with a fresh DbContext, each retry one line at Information (an
    /// expected race, not a failure), and publishes wait for the commit.
    /// Call <see cref="SagaPartitioner{TSaga}.By{TMessage}"/> on the result to serialize each instance's messages in-process.
    /// </summary>
    public static SagaPartitioner<TSaga> UseSagaConcurrency<TSaga>(this IReceiveEndpointConfigurator endpoint, ISagaConfigurator<TSaga> saga,
        IRegistrationContext context, int partitionCount = 16)
        where TSaga : class, ISaga
    {
        // Jittered backoff so two replicas that collided do not collide again in lockstep.
        endpoint.UseMessageRetry(r =>
        {
            r.Exponential(10, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(40));
            r.Handle<Exception>(SagaConflicts.IsConflict);
            RetryLog.Connect(r, context, LogLevel.Information, "a conflict with another delivery for the same instance");
        });
        // A retried attempt must not have published already, and nobody may see an event before the state that caused it is committed.
        endpoint.UseInMemoryOutbox(context);
        return new SagaPartitioner<TSaga>(saga, endpoint.CreatePartitioner(partitionCount));
    }
}
