using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Persistence.EntityConfigurations;

public class BatchJobStateEntityTypeConfiguration : IEntityTypeConfiguration<BatchJobState>
{
    public void Configure(EntityTypeBuilder<BatchJobState> builder)
    {
        builder.ToTable("batch_job_state");
        builder.HasKey(s => s.CorrelationId);
        builder.Property(s => s.CorrelationId).ValueGeneratedNever();
        builder.Property(s => s.CurrentState).HasMaxLength(64);
        builder.Property(s => s.TemplateKey).HasMaxLength(64);
        builder.Property(s => s.Client).HasMaxLength(200);
        builder.Property(s => s.Format).HasMaxLength(8);
        builder.Property(s => s.FailureReason).HasMaxLength(1000);
        builder.Property(s => s.TraceParent).HasMaxLength(128);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => s.CurrentState);
        // GET /api/jobs: a tenant's jobs, newest first.
        builder.HasIndex(s => new { s.Tenant, s.CreatedAt });
        // The deadline sweep looks only at jobs still running.
        builder.HasIndex(s => s.DeadlineAt);
        builder.HasIndex(s => s.RetryOf);
        // Retention looks for the jobs that finished longest ago.
        builder.HasIndex(s => s.CompletedAt);
    }
}
