using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Entities;

namespace PosterGen.Persistence.EntityConfigurations;

public class TemplateVersionEntityTypeConfiguration : IEntityTypeConfiguration<TemplateVersion>
{
    public void Configure(EntityTypeBuilder<TemplateVersion> builder)
    {
        // A version is an HTML page or a Fabric.js canvas, never both or neither.
        builder.ToTable("template_versions", t => t.HasCheckConstraint("ck_template_versions_html_or_fabric_json", "(html IS NULL) <> (fabric_json IS NULL)"));
        builder.HasIndex(v => new { v.TemplateId, v.Version }).IsUnique();
        // [{"name":"title","required":true}]
        builder.Property(v => v.Placeholders).HasJsonConversion();
        // [{"object":3,"field":"name"}]: which canvas object shows which item field; HTML versions have none.
        builder.Property(v => v.VariableMappings).HasJsonConversion().HasDefaultValueSql("'[]'");
    }
}
