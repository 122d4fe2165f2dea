using System.ComponentModel.DataAnnotations;
using Orders.Api.Infrastructure;

namespace Orders.Api.Placement;

/// <summary>Idempotency-Key settings (configuration section <c>Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Idempotency";

    /// <summary>
    /// How long a key is remembered after its first request. A retry after that is a new request
    /// (and places a new order). 24 hours outlasts any sane client retry policy.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Idempotency:KeyLifetime must be between 1 minute and 30 days.")]
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired keys are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Idempotency:PurgeInterval must be between 1 second and 1 day.")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);
}
