using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Entities;

namespace PosterGen.Persistence.EntityConfigurations;

public class TemplateVersionEntityTypeConfiguration : IEntityTypeConfiguration<TemplateVersion>
{
    public void Configure(EntityTypeBuilder<TemplateVersion> builder)
    {
        builder.ToTable("template_versions");
        builder.HasIndex(v => new { v.TemplateId, v.Version }).IsUnique();
        // Plain JSON text, e.g. [{"name":"title","required":true}], readable in psql as it is.
        builder.Property(v => v.Placeholders)
            .HasConversion(
                value => JsonSerializer.Serialize(value, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<List<TemplatePlaceholder>>(json, JsonSerializerOptions.Web) ?? new List<TemplatePlaceholder>(),
                new ValueComparer<List<TemplatePlaceholder>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, p) => HashCode.Combine(hash, p.GetHashCode())),
                    list => list.ToList()));
    }
}
