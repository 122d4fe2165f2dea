using System.ComponentModel.DataAnnotations;
using Platform.Contracts;

namespace Payments.Worker;

/// <summary>Payments settings (configuration section <c>Payments</c>), validated at start.</summary>
public sealed class PaymentsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Payments";

    /// <summary>
    /// Most a customer may have authorized and not refunded at once, per currency; see
    /// <see cref="Gateway.CreditLimitGateway"/>.
    /// </summary>
    [Range(typeof(decimal), "0.01", "1000000000000", ErrorMessage = "Payments:CreditLimit must be an amount between 0.01 and 1000000000000.")]
    public decimal CreditLimit { get; set; } = 5_000.00m;

    /// <summary>Consumer group id; also the inbox consumer name and the dead-letter topic prefix.</summary>
    [Required(ErrorMessage = "Payments:GroupId is required.")]
    [RegularExpression("^[a-zA-Z0-9._-]{1,128}$", ErrorMessage = "Payments:GroupId must be 1-128 characters of [a-zA-Z0-9._-].")]
    public string GroupId { get; set; } = "payments";

    /// <summary>Topic of Order events (a setting so tests and staging can use their own).</summary>
    [Required(ErrorMessage = "Payments:OrderEventsTopic is required.")]
    public string OrderEventsTopic { get; set; } = Topics.OrderEvents;
}
