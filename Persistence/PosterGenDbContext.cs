using Microsoft.EntityFrameworkCore;
using PosterGen.Persistence.Entities;
using PosterGen.Persistence.Outbox;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Persistence;

/// <summary>
/// The one database: templates and their assets, the job saga's rows, submitted items (the embedded
/// render queue), results, job logs, API keys, and the outbox and inbox of the messages between them.
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

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PosterGenDbContext).Assembly);
}
