using System.ComponentModel.DataAnnotations;

namespace Platform.Persistence.Inbox;

/// <summary>Inbox retention (configuration section <c>Inbox</c>).</summary>
public sealed class InboxOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Inbox";

    /// <summary>
    /// How long processed event ids are remembered. A redelivery or replay of an event older
    /// than this is no longer recognised as a duplicate, so this is the replay horizon: never
    /// replay further back than the retention.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Inbox:Retention must be between 1 and 3650 days.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Daily partitions created ahead of today.</summary>
    [Range(1, 60, ErrorMessage = "Inbox:DaysAhead must be between 1 and 60.")]
    public int DaysAhead { get; set; } = 3;

    /// <summary>How often partitions are created and dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Inbox:MaintenanceInterval must be between 1 second and 1 day.")]
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);
}
