using MassTransit;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using PosterGen.Persistence.Outbox;

namespace PosterGen.Persistence.SagaRepository;

/// <summary>
/// What the saga pipe sees of the repository while one message is handled: load, insert, update
/// and delete the instance within that message's DbContext and transaction. Whatever the saga
/// publishes meanwhile becomes outbox rows of that same transaction (MassTransit's outbox send
/// endpoint hands each message here instead of to the transport), so the new state and its events
/// are committed together or not at all.
/// </summary>
public sealed class DbContextSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>,
    OutboxSendContext
    where TSaga : class, ISaga
    where TMessage : class
{
    private readonly PosterGenDbContext db;
    private readonly ISagaConsumeContextFactory<DbContext, TSaga> factory;
    private readonly SagaRowLoader<TSaga> loader;

    public DbContextSagaRepositoryContext(PosterGenDbContext db, ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<DbContext, TSaga> factory, SagaRowLoader<TSaga> loader)
        : base(consumeContext, db)
    {
        this.db = db;
        this.factory = factory;
        this.loader = loader;

        var outboxReceiveContext = new OutboxReceiveContext(this, consumeContext.ReceiveContext);
        ReceiveContext = outboxReceiveContext;
        PublishEndpointProvider = outboxReceiveContext.PublishEndpointProvider;
    }

    public Task AddSend<T>(SendContext<T> context) where T : class
    {
        db.AddToOutbox(context.Message, context.MessageId);
        return Task.CompletedTask;
    }

    public object? GetService(Type serviceType) => null;

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(db, this, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        var entry = await db.Set<TSaga>().AddAsync(instance, CancellationToken);
        try
        {
            await db.SaveChangesAsync(CancellationToken);
            return await factory.CreateSagaConsumeContext(db, this, instance, SagaConsumeContextMode.Insert);
        }
        catch (DbUpdateException)
        {
            // Someone inserted it first; the pipe goes on to load it instead.
            entry.State = EntityState.Detached;
            return default!;
        }
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await loader.LoadAsync(db, correlationId, CancellationToken);
        return instance is null
            ? default!
            : await factory.CreateSagaConsumeContext(db, this, instance, SagaConsumeContextMode.Load);
    }

    public async Task Save(SagaConsumeContext<TSaga> context)
    {
        await db.Set<TSaga>().AddAsync(context.Saga, CancellationToken);
        await db.SaveChangesAsync(CancellationToken);
    }

    public Task Update(SagaConsumeContext<TSaga> context)
    {
        // The row lock already serialises writers; the token makes a lost update fail loudly should
        // anything ever write the row without it.
        if (context.Saga is ISagaVersion versioned) versioned.Version++;
        return db.SaveChangesAsync(CancellationToken);
    }

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        db.Set<TSaga>().Remove(context.Saga);
        return db.SaveChangesAsync(CancellationToken);
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        var entry = db.ChangeTracker.Entries<TSaga>().FirstOrDefault(e => e.Entity.CorrelationId == context.Saga.CorrelationId);
        if (entry is not null) entry.State = EntityState.Unchanged;
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(db, consumeContext, instance, mode);
}
