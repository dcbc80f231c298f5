using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Entities;

namespace PosterGen.Persistence.EntityConfigurations;

public class TemplateEntityTypeConfiguration : IEntityTypeConfiguration<Template>
{
    public void Configure(EntityTypeBuilder<Template> builder)
    {
        builder.ToTable("templates");
        builder.Property(t => t.Key).HasMaxLength(64);
        // Keys are the tenant's own: two tenants may both have a "testimonial".
        builder.HasIndex(t => new { t.Tenant, t.Key }).IsUnique();
        builder.Property(t => t.Section).HasMaxLength(64);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.HasMany(t => t.Versions).WithOne(v => v.Template).HasForeignKey(v => v.TemplateId);
    }
}
