using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Entities;

namespace PosterGen.Persistence.EntityConfigurations;

public class JobLogEntityTypeConfiguration : IEntityTypeConfiguration<JobLog>
{
    public void Configure(EntityTypeBuilder<JobLog> builder)
    {
        builder.ToTable("job_logs");
        builder.Property(l => l.Level).HasMaxLength(16);
        builder.HasIndex(l => new { l.JobId, l.Id });
    }
}
