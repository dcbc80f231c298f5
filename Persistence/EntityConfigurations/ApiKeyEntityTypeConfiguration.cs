using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Entities;

namespace PosterGen.Persistence.EntityConfigurations;

public class ApiKeyEntityTypeConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.Name).HasMaxLength(64);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.KeyPrefix).HasMaxLength(16);
        // Keys made before tenants reach the rows made before tenants.
        builder.Property(k => k.Tenant).HasMaxLength(64).HasDefaultValue(PosterGen.Persistence.Tenancy.Tenants.Default);
        builder.HasIndex(k => k.Name).IsUnique();
        builder.HasIndex(k => k.KeyHash).IsUnique();
    }
}
