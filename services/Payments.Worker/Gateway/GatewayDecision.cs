namespace Payments.Worker.Gateway;

/// <summary>What the gateway answered: authorized, or declined with a reason.</summary>
/// <param name="IsAuthorized">True when the amount was authorized.</param>
/// <param name="DeclineReason">Why it was declined; null when authorized.</param>
public sealed record GatewayDecision(bool IsAuthorized, string? DeclineReason)
{
    /// <summary>The amount was authorized.</summary>
    public static GatewayDecision Authorized { get; } = new(true, null);

    /// <summary>The amount was declined for <paramref name="reason"/>.</summary>
    public static GatewayDecision Declined(string reason) => new(false, reason);
}
