using Payments.Worker.Domain;
using Payments.Worker.Infrastructure;
using Platform.Contracts;
using Platform.Messaging.Consuming;
using Platform.Contracts.Orders.V1;

namespace Payments.Worker.Handlers;

/// <summary>Reads an order event's fields the way Payments needs them, rejecting content no retry can fix.</summary>
internal static class PaymentRequests
{
    /// <summary>The payment <paramref name="placed"/> asks for.</summary>
    /// <exception cref="InvalidEventException">A field is missing or malformed: the record is dead-lettered.</exception>
    public static PaymentRequest From(OrderPlaced placed)
    {
        var orderId = OrderId(placed.OrderId);
        if (string.IsNullOrWhiteSpace(placed.CustomerId) || placed.CustomerId.Length > PaymentsMigrations.MaxCustomerIdLength)
        {
            throw new InvalidEventException($"OrderPlaced {orderId}: customer_id must be 1 to {PaymentsMigrations.MaxCustomerIdLength} characters.");
        }

        if (placed.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new InvalidEventException($"OrderPlaced {orderId}: currency '{placed.Currency}' is not an ISO 4217 code.");
        }

        if (placed.Total is null || placed.Total.ToDecimal() < 0)
        {
            throw new InvalidEventException($"OrderPlaced {orderId}: total must be present and not negative.");
        }

        return new PaymentRequest(orderId, placed.CustomerId, currency, placed.Total.ToDecimal());
    }

    /// <summary>The order id of an event.</summary>
    /// <exception cref="InvalidEventException"><paramref name="text"/> is not a UUID.</exception>
    public static Guid OrderId(string text) =>
        Guid.TryParse(text, out var id) ? id : throw new InvalidEventException($"order_id '{text}' is not a UUID.");
}
