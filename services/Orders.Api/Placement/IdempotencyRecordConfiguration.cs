using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Orders.Api.Infrastructure;

namespace Orders.Api.Placement;

/// <summary>Maps <see cref="IdempotencyRecord"/> onto <c>idempotency_keys</c>.</summary>
internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("idempotency_keys");
        record.HasKey(r => new { r.ClientId, r.Key });
        record.Property(r => r.ClientId).HasColumnName("client_id").HasMaxLength(256);
        record.Property(r => r.Key).HasColumnName("key").HasMaxLength(255);
        record.Property(r => r.RequestHash).HasColumnName("request_hash");
        record.Property(r => r.StatusCode).HasColumnName("status_code");
        record.Property(r => r.Location).HasColumnName("location");
        record.Property(r => r.ResponseBody).HasColumnName("response_body");
        record.Property(r => r.CreatedAt).HasColumnName("created_at");
        record.Property(r => r.ExpiresAt).HasColumnName("expires_at");
    }
}
