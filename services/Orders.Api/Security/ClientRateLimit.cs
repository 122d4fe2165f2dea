using System.Threading.RateLimiting;

namespace Orders.Api.Security;

/// <summary>
/// One client's request budget, a token bucket: a request takes a token; the bucket holds at most
/// <see cref="TokenLimit"/> (the burst) and gets <see cref="TokensPerPeriod"/> back every
/// <see cref="ReplenishmentPeriod"/> (the sustained rate). An empty bucket answers 429 at once:
/// nothing is queued, so a limited client never holds a connection or a database session.
/// </summary>
public sealed class ClientRateLimit
{
    /// <summary>Largest burst: requests a client with a full bucket may send at once (1 – 1,000,000).</summary>
    public int TokenLimit { get; set; } = 200;

    /// <summary>Tokens added every <see cref="ReplenishmentPeriod"/> (1 – 1,000,000).</summary>
    public int TokensPerPeriod { get; set; } = 100;

    /// <summary>
    /// How often tokens are added (100 ms – 1 day). The partitioned limiter replenishes every
    /// client's bucket from one timer ticking every 100 ms, so a shorter period would not be kept.
    /// </summary>
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A copy, to bind a client's own settings over the default ones.</summary>
    public ClientRateLimit Copy() => new() { TokenLimit = TokenLimit, TokensPerPeriod = TokensPerPeriod, ReplenishmentPeriod = ReplenishmentPeriod };

    /// <summary>The limiter's options: no queue (reject at once); replenished by the partitioned limiter's timer.</summary>
    public TokenBucketRateLimiterOptions ToLimiterOptions() => new()
    {
        TokenLimit = TokenLimit,
        TokensPerPeriod = TokensPerPeriod,
        ReplenishmentPeriod = ReplenishmentPeriod,
        QueueLimit = 0,
        AutoReplenishment = false,
    };

    /// <summary>One message per broken setting, each named by its path under <paramref name="path"/>.</summary>
    public IEnumerable<string> Failures(string path)
    {
        if (TokenLimit is < 1 or > 1_000_000)
        {
            yield return $"{path}:{nameof(TokenLimit)} must be between 1 and 1000000.";
        }

        if (TokensPerPeriod is < 1 or > 1_000_000)
        {
            yield return $"{path}:{nameof(TokensPerPeriod)} must be between 1 and 1000000.";
        }

        if (ReplenishmentPeriod < TimeSpan.FromMilliseconds(100) || ReplenishmentPeriod > TimeSpan.FromDays(1))
        {
            yield return $"{path}:{nameof(ReplenishmentPeriod)} must be between 00:00:00.1 and 1.00:00:00.";
        }
    }

    /// <summary>How the limit reads in a 429 answer.</summary>
    public override string ToString() =>
        $"bursts of up to {TokenLimit} requests, then {TokensPerPeriod} per {ReplenishmentPeriod:c}";
}
