using System.Net.Http.Json;

namespace Platform.Dashboard.Internals;

/// <summary>Orders by status from the Orders API's <c>GET /stats</c> (its read model, counted from events).</summary>
internal sealed class OrderStatsReader(DashboardOptions options) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>The counts by status (and total); null when no API URL or key is configured.</summary>
    public async Task<IReadOnlyDictionary<string, long>?> ReadAsync(CancellationToken cancellationToken)
    {
        if (options.OrdersApiUrl is null || options.ApiKey is null)
        {
            return null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.OrdersApiUrl, "/stats"));
        request.Headers.Add(DashboardOptions.ApiKeyHeader, options.ApiKey);
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Dictionary<string, long>>(cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
