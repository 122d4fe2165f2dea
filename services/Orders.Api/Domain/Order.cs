using Orders.Api.Domain.Events;
using Platform.Contracts;
using Platform.Domain;

namespace Orders.Api.Domain;

/// <summary>
/// The Order aggregate. Every change raises its event (which becomes an outbox row in the same
/// SaveChanges) and bumps <see cref="AggregateRoot.Version"/>, the optimistic-concurrency token.
/// Placed, then Confirmed or Cancelled; both are final.
/// </summary>
public sealed class Order : AggregateRoot
{
    /// <summary>Most lines of one order.</summary>
    public const int MaxLines = 100;

    /// <summary>Longest customer id accepted.</summary>
    public const int MaxCustomerIdLength = 64;

    /// <summary>Longest cancellation reason accepted.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Longest client id accepted (the principal names that scope Idempotency-Keys are as long).</summary>
    public const int MaxClientIdLength = 256;

    private readonly List<OrderLine> _lines = [];

    // For EF Core materialisation only.
    private Order()
    {
    }

    /// <summary>Order id (UUID v7, so ids sort by placement time).</summary>
    public Guid Id { get; private set; }

    /// <summary>
    /// The API client that placed the order (the authenticated principal), who alone may read and
    /// cancel it besides operators. Not the customer: one client (a shop) places orders for many.
    /// </summary>
    public string ClientId { get; private set; } = "";

    /// <summary>Who ordered, 1 to 64 characters.</summary>
    public string CustomerId { get; private set; } = "";

    /// <summary>Active ISO 4217 code, e.g. <c>EUR</c>.</summary>
    public string Currency { get; private set; } = "";

    /// <summary>The lines, 1 to 100.</summary>
    public IReadOnlyList<OrderLine> Lines => _lines;

    /// <summary>Sum of the line totals.</summary>
    public decimal Total { get; private set; }

    /// <summary>Where the order is in its life.</summary>
    public OrderStatus Status { get; private set; }

    /// <summary>When it was placed.</summary>
    public DateTimeOffset PlacedAt { get; private set; }

    /// <summary>When it was confirmed, if it was.</summary>
    public DateTimeOffset? ConfirmedAt { get; private set; }

    /// <summary>When it was cancelled, if it was.</summary>
    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>Why it was cancelled, if it was.</summary>
    public string? CancellationReason { get; private set; }

    /// <summary>Who cancelled it (<see cref="CancellationSources"/>), if it was.</summary>
    public string? CancelledBy { get; private set; }

    /// <summary>The payment decision heard so far (saga state).</summary>
    public PaymentOutcome Payment { get; private set; }

    /// <summary>The stock decision heard so far (saga state).</summary>
    public StockOutcome Stock { get; private set; }

    /// <inheritdoc />
    public override string AggregateType => AggregateTypes.Order;

    /// <inheritdoc />
    public override string AggregateId => Id.ToString();

    /// <summary>
    /// Places an order for <paramref name="clientId"/>, its owner; throws
    /// <see cref="OrderValidationException"/> naming every broken invariant.
    /// </summary>
    public static Order Place(Guid id, string clientId, string customerId, string currency, IReadOnlyList<OrderLine> lines, DateTimeOffset placedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clientId.Length, MaxClientIdLength, nameof(clientId));
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(lines);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(customerId))
        {
            errors.Add("customerId", "customerId must not be empty.");
        }
        else if (customerId.Length > MaxCustomerIdLength)
        {
            errors.Add("customerId", $"customerId must be at most {MaxCustomerIdLength} characters.");
        }
        else if (TextRules.IdentifierViolation(customerId) is { } where)
        {
            errors.Add("customerId", $"customerId must not contain control or invisible formatting characters ({where}).");
        }

        if (!Currencies.IsActive(currency))
        {
            errors.Add("currency", "currency must be an active ISO 4217 code in upper case, e.g. EUR.");
        }

        if (lines.Count is < 1 or > MaxLines)
        {
            errors.Add("lines", $"An order must have between 1 and {MaxLines} lines.");
        }

        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            lines[i].Validate($"lines[{i}]", errors);
        }

        errors.ThrowIfAny();
        var order = new Order
        {
            Id = id,
            ClientId = clientId,
            CustomerId = customerId,
            Currency = currency,
            Status = OrderStatus.Placed,
            PlacedAt = placedAt,
            Total = lines.Sum(line => line.LineTotal),
        };
        order._lines.AddRange(lines);
        order.Raise(new OrderPlaced(id, customerId, currency, [.. lines], order.Total, placedAt));
        return order;
    }

    /// <summary>Payment and stock are secured; allowed only from Placed.</summary>
    public void Confirm(DateTimeOffset confirmedAt)
    {
        EnsurePlaced("confirmed");
        Status = OrderStatus.Confirmed;
        ConfirmedAt = confirmedAt;
        Raise(new OrderConfirmed(Id, confirmedAt));
    }

    /// <summary>Cancels the order; allowed only from Placed (else <see cref="OrderStateException"/>).</summary>
    /// <param name="reason">Why, 1 to 500 characters.</param>
    /// <param name="cancelledBy">Who, one of <see cref="CancellationSources"/>.</param>
    /// <param name="cancelledAt">When.</param>
    public void Cancel(string reason, string cancelledBy, DateTimeOffset cancelledAt)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            errors.Add("reason", $"reason must be between 1 and {MaxReasonLength} characters.");
        }
        else if (TextRules.FreeTextViolation(reason) is { } where)
        {
            errors.Add("reason", $"reason must not contain control characters other than tab and line breaks ({where}).");
        }

        if (!CancellationSources.IsKnown(cancelledBy))
        {
            errors.Add("cancelledBy", "cancelledBy must be customer, payment or inventory.");
        }

        errors.ThrowIfAny();
        EnsurePlaced("cancelled");
        Status = OrderStatus.Cancelled;
        CancelledAt = cancelledAt;
        CancellationReason = reason;
        CancelledBy = cancelledBy;
        Raise(new OrderCancelled(Id, reason, cancelledBy, cancelledAt));
    }

    /// <summary>
    /// Saga step: the payment was authorized. Confirms the order once stock is reserved too. The
    /// saga steps are idempotent and commute: whichever result arrives first, the order ends
    /// Confirmed only with both successes, Cancelled at the first failure. A success arriving
    /// after a cancellation changes nothing here; Payments and Inventory compensate when they
    /// see OrderCancelled (which follows OrderPlaced on the order's own partition).
    /// </summary>
    public void RecordPaymentAuthorized(DateTimeOffset at)
    {
        if (Payment != PaymentOutcome.Pending)
        {
            return;
        }

        Payment = PaymentOutcome.Authorized;
        ConfirmIfSecured(at);
    }

    /// <summary>Saga step: the payment was declined; cancels the order if it is still placed.</summary>
    public void RecordPaymentDeclined(string reason, DateTimeOffset at)
    {
        if (Payment != PaymentOutcome.Pending)
        {
            return;
        }

        Payment = PaymentOutcome.Declined;
        CancelBySaga("payment declined: " + reason, CancellationSources.Payment, at);
    }

    /// <summary>Saga step: stock was reserved. Confirms the order once payment is authorized too.</summary>
    public void RecordStockReserved(DateTimeOffset at)
    {
        if (Stock != StockOutcome.Pending)
        {
            return;
        }

        Stock = StockOutcome.Reserved;
        ConfirmIfSecured(at);
    }

    /// <summary>Saga step: stock could not be reserved; cancels the order if it is still placed.</summary>
    public void RecordStockRejected(string reason, DateTimeOffset at)
    {
        if (Stock != StockOutcome.Pending)
        {
            return;
        }

        Stock = StockOutcome.Rejected;
        CancelBySaga("stock rejected: " + reason, CancellationSources.Inventory, at);
    }

    private void ConfirmIfSecured(DateTimeOffset at)
    {
        if (Status == OrderStatus.Placed && Payment == PaymentOutcome.Authorized && Stock == StockOutcome.Reserved)
        {
            Confirm(at);
        }
    }

    private void CancelBySaga(string reason, string by, DateTimeOffset at)
    {
        if (Status == OrderStatus.Placed)
        {
            Cancel(reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason, by, at);
        }
    }

    private void EnsurePlaced(string action)
    {
        if (Status != OrderStatus.Placed)
        {
            throw new OrderStateException(Id, Status, action);
        }
    }
}
