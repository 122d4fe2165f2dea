using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orders.Api.Http;

namespace Orders.Api.Security;

/// <summary>
/// One token bucket per client (<see cref="IClientIdentity"/>), so one client's burst never takes
/// another's budget. Runs after authorization: an unauthenticated request has been answered 401
/// before it gets here. A refused request gets 429 with <c>Retry-After</c> (whole seconds, at
/// least 1) and problem details naming the limit's setting; it reaches no handler and no database.
/// </summary>
internal sealed class ClientRateLimitPolicy : IRateLimiterPolicy<string>
{
    private readonly IOptions<RateLimitOptions> _options;
    private readonly IClientIdentity _identity;
    // Made once: the partition's factory runs once per client (the middleware keeps each client's
    // bucket, and drops it once idle and full), but GetPartition runs on every request.
    private readonly Func<string, TokenBucketRateLimiterOptions> _bucketOf;

    public ClientRateLimitPolicy(IOptions<RateLimitOptions> options, IClientIdentity identity)
    {
        _options = options;
        _identity = identity;
        _bucketOf = client => options.Value.For(client).Limit.ToLimiterOptions();
        OnRejected = RejectAsync;
    }

    /// <inheritdoc />
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; }

    /// <inheritdoc />
    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetTokenBucketLimiter(_identity.Identify(httpContext), _bucketOf);

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var client = _identity.Identify(http);
        var (limit, setting) = _options.Value.For(client);
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limit.ReplenishmentPeriod;
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.Field(StatusCodes.Status429TooManyRequests, "Too many requests.", setting,
            $"Client '{client}' is limited to {limit}; retry after {seconds} s.").ExecuteAsync(http);
    }
}
