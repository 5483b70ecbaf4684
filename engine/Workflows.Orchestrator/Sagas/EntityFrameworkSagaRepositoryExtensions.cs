using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Orchestrator.Sagas;

public static class EntityFrameworkSagaRepositoryExtensions
{
    /// <summary>
    /// Keeps this saga's instances in <typeparamref name="TContext"/>'s PostgreSQL table (row lock on load, xmin guard on save).
    /// Needs <see cref="IDbContextFactory{TContext}"/> registered (e.g. <c>AddWorkflowsPersistence</c>) and the saga mapped in the context.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> EntityFrameworkRepository<TSaga, TContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
        where TContext : DbContext
    {
        configurator.Repository(r => r.AddEntityFrameworkSagaRepository<TSaga, TContext>());
        return configurator;
    }

    /// <summary>Makes every saga registered after this call (including ones added by type) use the EF Core repository on <typeparamref name="TContext"/>.</summary>
    public static void SetEntityFrameworkSagaRepositoryProvider<TContext>(this IRegistrationConfigurator configurator)
        where TContext : DbContext =>
        configurator.SetSagaRepositoryProvider(new EntityFrameworkSagaRepositoryProvider<TContext>());

    /// <summary>The registrations MassTransit resolves per message scope: one factory serving send, query and load.</summary>
    private static void AddEntityFrameworkSagaRepository<TSaga, TContext>(this ISagaRepositoryRegistrationConfigurator<TSaga> services)
        where TSaga : class, ISaga
        where TContext : DbContext
    {
        services.RegisterLoadSagaRepository<TSaga, EntityFrameworkSagaRepository<TSaga, TContext>>();
        services.RegisterQuerySagaRepository<TSaga, EntityFrameworkSagaRepository<TSaga, TContext>>();
        services.RegisterSagaRepository<TSaga, DbContext, SagaConsumeContextFactory<DbContext, TSaga>, EntityFrameworkSagaRepository<TSaga, TContext>>();
    }

    private sealed class EntityFrameworkSagaRepositoryProvider<TContext> : ISagaRepositoryRegistrationProvider
        where TContext : DbContext
    {
        public void Configure<TSaga>(ISagaRegistrationConfigurator<TSaga> configurator)
            where TSaga : class, ISaga =>
            configurator.EntityFrameworkRepository<TSaga, TContext>();
    }
}
