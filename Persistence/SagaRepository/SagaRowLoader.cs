using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PosterGen.Persistence.SagaRepository;

/// <summary>
/// Loads a saga row for update inside the message's transaction. PostgreSQL takes a row lock
/// (<c>SELECT ... FOR UPDATE</c>), as MassTransit's pessimistic EF repository does, so two
/// processes handling the same job queue up on the row instead of losing an update. SQLite has no
/// row locks; its transactions start with the database write lock held (BEGIN IMMEDIATE), which
/// serialises writers just the same.
/// </summary>
public class SagaRowLoader<TSaga> where TSaga : class, ISaga
{
    private string? statement;

    public Task<TSaga?> LoadAsync(DbContext db, Guid correlationId, CancellationToken cancellationToken)
    {
        statement ??= BuildStatement(db);
        // The saga acts for every tenant, and its locking statement must not be wrapped in the tenant filter.
        return db.Set<TSaga>().FromSqlRaw(statement, correlationId).IgnoreQueryFilters().AsTracking().SingleOrDefaultAsync(cancellationToken);
    }

    private static string BuildStatement(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TSaga))
            ?? throw new InvalidOperationException($"{typeof(TSaga).Name} is not part of {db.GetType().Name}'s model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindProperty(nameof(ISaga.CorrelationId))!.GetColumnName(table)!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var select = $"SELECT * FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE {sql.DelimitIdentifier(key)} = {{0}}";
        return db.Database.IsNpgsql() ? select + " FOR UPDATE" : select;
    }
}
