using System.ComponentModel.DataAnnotations;

namespace Platform.Persistence.Outbox;

/// <summary>Outbox settings of a service (configuration section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Outbox";

    /// <summary>How rows are cleaned up; see <see cref="OutboxCleanupMode"/>.</summary>
    public OutboxCleanupMode CleanupMode { get; set; } = OutboxCleanupMode.DeleteAfterInsert;

    /// <summary>In <see cref="OutboxCleanupMode.Retain"/> mode, how long rows are kept.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Outbox:Retention must be between 1 minute and 365 days.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the purge runs in <see cref="OutboxCleanupMode.Retain"/> mode.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Outbox:PurgeInterval must be between 1 second and 1 day.")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows deleted per purge statement, so a purge never holds long locks.</summary>
    [Range(100, 1_000_000, ErrorMessage = "Outbox:PurgeBatchSize must be between 100 and 1000000.")]
    public int PurgeBatchSize { get; set; } = 10_000;
}
