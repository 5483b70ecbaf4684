using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Orchestrator.Sagas;

/// <summary>
/// One delivery's view of the saga table: one DbContext inside the transaction the repository opened. Without a
/// <paramref name="lockStatement"/> (SQLite) an instance is loaded by key without a lock.
/// </summary>
internal sealed class EntityFrameworkSagaRepositoryContext<TSaga, TMessage>(DbContext db, ConsumeContext<TMessage> context, string? lockStatement) :
    ConsumeContextScope<TMessage>(context, db),
    SagaRepositoryContext<TSaga, TMessage>,
    IDisposable
    where TSaga : class, ISaga
    where TMessage : class
{
    private static readonly SagaConsumeContextFactory<DbContext, TSaga> Factory = new();

    // A DbContext allows one operation at a time; query-correlated messages may load several instances concurrently.
    private readonly SemaphoreSlim _inUse = new(1);

    /// <summary>A new instance for a missing saga: tracked only when <see cref="Save"/> inserts it after the state machine ran.</summary>
    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        Factory.CreateSagaConsumeContext(db, this, instance, SagaConsumeContextMode.Add);

    /// <summary>Pre-inserts an instance (InsertOnInitial); null when another delivery inserted it first, so MassTransit loads that row.</summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        await _inUse.WaitAsync(CancellationToken);
        try
        {
            var entry = db.Set<TSaga>().Add(instance);
            try
            {
                // Inside our transaction EF Core wraps SaveChanges in a savepoint, so a 23505 leaves the transaction usable.
                await db.SaveChangesAsync(CancellationToken);
            }
            catch (DbUpdateException e) when (SagaConflicts.IsUniqueViolation(e))
            {
                entry.State = EntityState.Detached;
                return null!;
            }
        }
        finally
        {
            _inUse.Release();
        }
        return await Factory.CreateSagaConsumeContext(db, this, instance, SagaConsumeContextMode.Insert);
    }

    /// <summary>Loads and row-locks the instance; a concurrent writer waits here until this transaction ends.</summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        TSaga? instance;
        await _inUse.WaitAsync(CancellationToken);
        try
        {
            if (lockStatement is null)
            {
                instance = await db.Set<TSaga>().AsTracking().SingleOrDefaultAsync(x => x.CorrelationId == correlationId, CancellationToken);
            }
            else
            {
                // No operator is composed onto the raw SQL, so PostgreSQL runs it as written, FOR UPDATE included.
                var rows = await db.Set<TSaga>().FromSqlRaw(lockStatement, correlationId).AsTracking().ToListAsync(CancellationToken);
                instance = rows.SingleOrDefault();
            }
        }
        finally
        {
            _inUse.Release();
        }
        return instance is null
            ? null!
            : await Factory.CreateSagaConsumeContext(db, this, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context) => Write(() => db.Set<TSaga>().Add(context.Saga));

    /// <summary>Saves the loaded row; EF Core's xmin check turns a write that slipped past the lock into DbUpdateConcurrencyException.</summary>
    public Task Update(SagaConsumeContext<TSaga> context) => Write(null);

    public Task Delete(SagaConsumeContext<TSaga> context) => Write(() => db.Set<TSaga>().Remove(context.Saga));

    /// <summary>An added instance that finalized at once was never tracked, so there is nothing to write.</summary>
    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    /// <summary>A read-only policy ran: forget its in-memory changes so the commit writes nothing.</summary>
    public async Task Undo(SagaConsumeContext<TSaga> context)
    {
        await _inUse.WaitAsync(CancellationToken);
        try
        {
            var entry = db.ChangeTracker.Entries<TSaga>().FirstOrDefault(e => e.Entity.CorrelationId == context.Saga.CorrelationId);
            if (entry is not null) entry.State = EntityState.Unchanged;
        }
        finally
        {
            _inUse.Release();
        }
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        Factory.CreateSagaConsumeContext(db, consumeContext, instance, mode);

    public void Dispose() => _inUse.Dispose();

    private async Task Write(Action? change)
    {
        await _inUse.WaitAsync(CancellationToken);
        try
        {
            change?.Invoke();
            await db.SaveChangesAsync(CancellationToken);
        }
        finally
        {
            _inUse.Release();
        }
    }
}
