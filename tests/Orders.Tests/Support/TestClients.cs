using Orders.Api.Security;

namespace Orders.Tests.Support;

/// <summary>
/// The API clients every test API knows, each with its own API key (configured as its hash), and
/// one operator (<c>Auth:OperatorKeys</c>).
/// </summary>
public static class TestClients
{
    public const string Default = "test-client";

    public const string Operator = "test-operator";

    public static readonly string[] Names = [Default, "alice", "bob"];

    public static string KeyOf(string client) => $"test-key-of-{client}-0123456789";

    /// <summary>Sends <see cref="Default"/>'s key on every request that carries none.</summary>
    public sealed class DefaultKeyHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.Headers.Contains(ApiKeys.Header))
            {
                request.Headers.Add(ApiKeys.Header, KeyOf(Default));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
