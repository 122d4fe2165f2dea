using System.ComponentModel.DataAnnotations;
using Platform.Contracts;

namespace Notifications.Worker;

/// <summary>Notifications settings (configuration section <c>Notifications</c>), validated at start.</summary>
public sealed class NotificationsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Notifications";

    /// <summary>Consumer group id; also the inbox consumer name and the dead-letter topic prefix.</summary>
    [Required(ErrorMessage = "Notifications:GroupId is required.")]
    [RegularExpression("^[a-zA-Z0-9._-]{1,128}$", ErrorMessage = "Notifications:GroupId must be 1-128 characters of [a-zA-Z0-9._-].")]
    public string GroupId { get; set; } = "notifications";

    /// <summary>Topic of Order events.</summary>
    [Required(ErrorMessage = "Notifications:OrderEventsTopic is required.")]
    public string OrderEventsTopic { get; set; } = Topics.OrderEvents;

    /// <summary>Topic of Payment events.</summary>
    [Required(ErrorMessage = "Notifications:PaymentEventsTopic is required.")]
    public string PaymentEventsTopic { get; set; } = Topics.PaymentEvents;

    /// <summary>Topic of stock reservation events.</summary>
    [Required(ErrorMessage = "Notifications:InventoryEventsTopic is required.")]
    public string InventoryEventsTopic { get; set; } = Topics.InventoryEvents;
}
