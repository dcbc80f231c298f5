using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using PosterGen.Persistence.Outbox;

namespace PosterGen.Persistence.SagaRepository;

/// <summary>
/// The project's EF Core saga repository, built on MassTransit's repository building blocks in
/// place of MassTransit.EntityFrameworkCore (not on the package mirror). Each message gets a fresh
/// DbContext and one transaction holding the saga row, the outbox rows of what the saga published,
/// and the inbox row of the message itself: a redelivered message id is skipped, not handled twice.
/// </summary>
public class EntityFrameworkSagaRepositoryContextFactory<TSaga>(
    IDbContextFactory<PosterGenDbContext> contexts,
    ISagaConsumeContextFactory<DbContext, TSaga> consumeContextFactory,
    SagaRowLoader<TSaga> loader) : ISagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
{
    private static readonly string Consumer = typeof(TSaga).Name;

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next) where T : class
    {
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        if (context.MessageId is { } messageId && !await db.TryRecordConsumedAsync(messageId, Consumer, context.CancellationToken))
            return;

        var repositoryContext = new DbContextSagaRepositoryContext<TSaga, T>(db, context, consumeContextFactory, loader);
        await next.Send(repositoryContext);
        await transaction.CommitAsync(context.CancellationToken);
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        if (context.MessageId is { } messageId && !await db.TryRecordConsumedAsync(messageId, Consumer, context.CancellationToken))
            return;

        var ids = await db.Set<TSaga>().AsNoTracking().Where(query.FilterExpression).Select(s => s.CorrelationId)
            .ToListAsync(context.CancellationToken);
        var instances = new List<TSaga>();
        foreach (var id in ids)
        {
            if (await loader.LoadAsync(db, id, context.CancellationToken) is { } instance)
                instances.Add(instance);
        }

        var repositoryContext = new DbContextSagaRepositoryContext<TSaga, T>(db, context, consumeContextFactory, loader);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
        await transaction.CommitAsync(context.CancellationToken);
    }

    public void Probe(ProbeContext context) => context.Add("persistence", "entity-framework (PosterGen)");
}
