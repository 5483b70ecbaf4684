using System.Data;
using System.Runtime.CompilerServices;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflows.Orchestrator.Sagas;

/// <summary>
/// MassTransit saga repository on EF Core and PostgreSQL: each delivery attempt gets a fresh <typeparamref name="TContext"/>
/// and a ReadCommitted transaction, and the instance row is locked with <c>SELECT … FOR UPDATE</c> until commit.
/// On SQLite (the DevHost's one-process file) there is no row lock and no spanning transaction: SQLite serialises writers,
/// the endpoint's partitioner serialises one instance's messages, and a long write lock would block every other writer.
/// </summary>
public sealed class EntityFrameworkSagaRepository<TSaga, TContext>(IDbContextFactory<TContext> dbContextFactory) :
    ISagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
    where TContext : DbContext
{
    // A model never changes, so the statement is built once per model (one per provider).
    private static readonly ConditionalWeakTable<IModel, string> LockStatements = new();

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(context.CancellationToken);
        // ReadCommitted, not Serializable: the row lock orders writers, and Serializable would add 40001 failures on PostgreSQL.
        await using var transaction = await BeginAsync(db, context.CancellationToken);
        using (var repositoryContext = new EntityFrameworkSagaRepositoryContext<TSaga, T>(db, context, LockStatement(db)))
            await next.Send(repositoryContext);
        // The saga's work is done and its publishes are held by the outbox: finish the commit even if shutdown is under way.
        if (transaction is not null)
            await transaction.CommitAsync(CancellationToken.None);
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(context.CancellationToken);
        await using var transaction = await BeginAsync(db, context.CancellationToken);
        // Matches are found without a lock; each one is then loaded (and locked) by id through the repository context.
        var ids = await db.Set<TSaga>().AsNoTracking().Where(query.FilterExpression).Select(x => x.CorrelationId).ToListAsync(context.CancellationToken);
        using (var repositoryContext = new EntityFrameworkSagaRepositoryContext<TSaga, T>(db, context, LockStatement(db)))
            await next.Send(new DefaultSagaRepositoryQueryContext<TSaga, T>(repositoryContext, ids));
        if (transaction is not null)
            await transaction.CommitAsync(CancellationToken.None);
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        ExecuteReadOnly(asyncMethod, cancellationToken);

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        ExecuteReadOnly(asyncMethod, cancellationToken);

    public void Probe(ProbeContext context)
    {
        context.Add("persistence", "entity-framework");
        context.Add("dbContext", typeof(TContext).Name);
    }

    private async Task<T> ExecuteReadOnly<T>(Func<EntityFrameworkSagaReadContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await asyncMethod(new EntityFrameworkSagaReadContext<TSaga>(db, cancellationToken));
    }

    /// <summary>The spanning transaction on PostgreSQL; none on SQLite (see the class summary).</summary>
    private static async Task<IDbContextTransaction?> BeginAsync(DbContext db, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken) : null;

    /// <summary>
    /// Selects every mapped column (xmin included, which <c>SELECT *</c> would miss) of one row by key, locking it;
    /// null where there are no row locks (SQLite), and the context loads the row by key instead.
    /// </summary>
    private static string? LockStatement(DbContext db)
    {
        if (!db.Database.IsNpgsql()) return null;
        return LockStatements.GetValue(db.Model, _ => BuildLockStatement(db));
    }

    private static string BuildLockStatement(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TSaga))
            ?? throw new InvalidOperationException($"{typeof(TContext).Name} does not map the saga type {typeof(TSaga).Name}.");
        var table = entity.GetTableName()
            ?? throw new InvalidOperationException($"{typeof(TSaga).Name} is not mapped to a table in {typeof(TContext).Name}.");
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = entity.FindProperty(nameof(ISaga.CorrelationId))?.GetColumnName(store)
            ?? throw new InvalidOperationException($"{typeof(TSaga).Name}.CorrelationId is not mapped in {typeof(TContext).Name}.");
        var columns = string.Join(", ", entity.GetProperties().Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)));

        return $"SELECT {columns} FROM {sql.DelimitIdentifier(table, entity.GetSchema())} WHERE {sql.DelimitIdentifier(key)} = {{0}} FOR UPDATE";
    }
}
