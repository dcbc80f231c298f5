using System.Reflection;
using Microsoft.EntityFrameworkCore;
using PosterGen.Persistence.Entities;
using PosterGen.Persistence.Idempotency;
using PosterGen.Persistence.Notifications;
using PosterGen.Persistence.Outbox;
using PosterGen.Persistence.Tenancy;
using PosterGen.Sagas.BatchJobs;
using PosterGen.Sagas.Tenancy;

namespace PosterGen.Persistence;

/// <summary>
/// The one database: templates and their assets, the job saga's rows, submitted items (the embedded
/// render queue), results, job logs, API keys, who to notify when a job ends and those notifications' deliveries, and the outbox and inbox of the messages between them.
/// Each provider has a subclass carrying its own migrations (<see cref="Providers"/>).
/// </summary>
public abstract class PosterGenDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Template> Templates => Set<Template>();
    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();
    public DbSet<TemplateAsset> TemplateAssets => Set<TemplateAsset>();
    public DbSet<BatchJobState> BatchJobs => Set<BatchJobState>();
    public DbSet<BatchItem> BatchItems => Set<BatchItem>();
    public DbSet<PosterResult> PosterResults => Set<PosterResult>();
    public DbSet<JobLog> JobLogs => Set<JobLog>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<JobNotification> JobNotifications => Set<JobNotification>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<EmailDelivery> EmailDeliveries => Set<EmailDelivery>();

    /// <summary>
    /// Whose rows this context sees and writes. Null (every context from the singleton factory, so every
    /// consumer, renderer, sweep and the outbox) makes the tenant filter a no-op: background work sees
    /// every tenant. Set on each lease, as pooled contexts are reused.
    /// </summary>
    internal CurrentTenant? Tenancy { get; set; }

    /// <summary>The tenant the query filter compares with, read by EF Core each time a query runs.</summary>
    public string? CurrentTenantName => Tenancy?.Name;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PosterGenDbContext).Assembly);
        var filter = typeof(PosterGenDbContext).GetMethod(nameof(BelongToTenant), BindingFlags.Instance | BindingFlags.NonPublic)!;
        foreach (var owned in modelBuilder.Model.GetEntityTypes().Select(t => t.ClrType).Where(typeof(ITenantOwned).IsAssignableFrom).ToList())
            filter.MakeGenericMethod(owned).Invoke(this, [modelBuilder]);
    }

    /// <summary>
    /// Every <see cref="ITenantOwned"/> table gets a plain <c>tenant</c> column and a filter: another
    /// tenant's rows are not there at all, on every route, so they answer 404 like rows that never existed.
    /// </summary>
    private void BelongToTenant<TEntity>(ModelBuilder modelBuilder) where TEntity : class, ITenantOwned
    {
        var entity = modelBuilder.Entity<TEntity>();
        // Rows from before tenants belong to the default tenant, as do the open service's.
        entity.Property(e => e.Tenant).HasMaxLength(64).HasDefaultValue(Tenants.Default);
        entity.HasQueryFilter(e => CurrentTenantName == null || e.Tenant == CurrentTenantName);
    }
}
