namespace Payments.Worker.Domain;

/// <summary>What a placed order asks the gateway for.</summary>
/// <param name="OrderId">The order, which is also the payment's id.</param>
/// <param name="CustomerId">Who pays.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Amount">The order's total.</param>
public sealed record PaymentRequest(Guid OrderId, string CustomerId, string Currency, decimal Amount);
