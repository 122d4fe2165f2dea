using Microsoft.Extensions.Logging;

namespace Orders.Api.Http;

/// <summary>Log messages of the order endpoints, source-generated (no boxing on the hot path).</summary>
internal static partial class OrdersLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Placed order {OrderId} for customer {CustomerId}")]
    public static partial void OrderPlaced(ILogger logger, Guid orderId, string customerId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Replayed the response to Idempotency-Key {IdempotencyKey} of client {ClientId}")]
    public static partial void Replayed(ILogger logger, string idempotencyKey, string clientId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Cancelled order {OrderId}")]
    public static partial void OrderCancelled(ILogger logger, Guid orderId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Order {OrderId} changed concurrently; attempt {Attempt} of {Attempts}")]
    public static partial void ConcurrencyConflict(ILogger logger, Guid orderId, int attempt, int attempts);
}
