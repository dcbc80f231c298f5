using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Entities;

namespace PosterGen.Persistence.EntityConfigurations;

public class TemplateAssetEntityTypeConfiguration : IEntityTypeConfiguration<TemplateAsset>
{
    public void Configure(EntityTypeBuilder<TemplateAsset> builder)
    {
        builder.ToTable("template_assets");
        builder.HasIndex(a => new { a.TemplateId, a.Name }).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(128);
        builder.Property(a => a.ContentType).HasMaxLength(64);
        builder.Property(a => a.StorageKey).HasMaxLength(300);
        builder.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        builder.HasOne(a => a.Template).WithMany(t => t.Assets).HasForeignKey(a => a.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}
