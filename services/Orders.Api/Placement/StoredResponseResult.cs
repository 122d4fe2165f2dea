using Microsoft.AspNetCore.Http;
using Orders.Api.Infrastructure;

namespace Orders.Api.Placement;

/// <summary>
/// Writes a response exactly as it is remembered for its Idempotency-Key, so the first answer
/// and every replay carry the same status, Location and bytes.
/// </summary>
internal sealed class StoredResponseResult(StoredResponse response, bool replayed) : IResult
{
    /// <summary>Marks a replay; the body is the original one.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var http = httpContext.Response;
        http.StatusCode = response.StatusCode;
        http.ContentType = "application/json; charset=utf-8";
        http.ContentLength = response.Body.Length;
        if (response.Location is not null)
        {
            http.Headers.Location = response.Location;
        }

        if (replayed)
        {
            http.Headers[ReplayedHeader] = "true";
        }

        await http.Body.WriteAsync(response.Body, httpContext.RequestAborted);
    }
}
