namespace Orders.Api.Domain;

/// <summary>The order's status does not allow the requested transition (the API answers 409).</summary>
public sealed class OrderStateException : Exception
{
    /// <summary>Creates the exception for <paramref name="action"/> refused in <paramref name="status"/>.</summary>
    public OrderStateException(Guid orderId, OrderStatus status, string action)
        : base($"Order {orderId} is {status}; only a Placed order can be {action}.")
    {
        OrderId = orderId;
        Status = status;
    }

    /// <summary>The order concerned.</summary>
    public Guid OrderId { get; }

    /// <summary>Its status when the transition was refused.</summary>
    public OrderStatus Status { get; }
}
