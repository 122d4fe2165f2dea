using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Orders.Api.Security;
using Orders.Tests.Support;

namespace Orders.Tests.Api;

/// <summary>
/// Who may call the API. Covers: every order endpoint refuses a caller without credentials or
/// with an unknown API key (401 problem details naming X-Api-Key, nothing written); a configured
/// key gets in as its client; a JWT bearer token from the configured issuer gets in as its
/// subject, and one signed by anyone else does not; a token's role or scope claim makes an
/// operator; Idempotency-Keys are scoped per principal across both schemes. Health and OpenAPI stay open (HostingTests).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class AuthenticationTests
{
    private const string Issuer = "https://issuer.orders.test";
    private const string Audience = "orders-api";
    private static readonly SymmetricSecurityKey IssuerKey = new(Encoding.UTF8.GetBytes("issuer-signing-key-for-tests-only-0123456789abcdef"));

    [TestCase("POST", "/orders")]
    [TestCase("GET", "/orders?customerId=customer-1")]
    [TestCase("GET", "/orders/0190c2a8-1c4e-7a11-8000-000000000001")]
    [TestCase("POST", "/orders/0190c2a8-1c4e-7a11-8000-000000000001/cancel")]
    [TestCase("GET", "/stats")]
    public async Task a_caller_without_credentials_gets_401_naming_the_header_and_nothing_is_written(string method, string path)
    {
        await using var api = await OrdersApiScenario.StartAsync("auth_none");
        using var anonymous = api.Factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent(OrderRequests.Valid(), Encoding.UTF8, "application/json");
            request.Headers.Add("Idempotency-Key", "k-1");
        }

        using var response = await anonymous.SendAsync(request);

        await AssertUnauthorizedAsync(response, "Send an API key");
        Assert.That(await api.CountAsync("orders"), Is.Zero);
    }

    [Test]
    public async Task an_unknown_api_key_gets_401_and_places_nothing()
    {
        await using var api = await OrdersApiScenario.StartAsync("auth_wrong_key");
        using var anonymous = api.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent(OrderRequests.Valid(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", "k-1");
        request.Headers.Add(ApiKeys.Header, "not-a-configured-key");

        using var response = await anonymous.SendAsync(request);

        await AssertUnauthorizedAsync(response, "does not hold a known API key");
        Assert.That(await api.CountAsync("orders"), Is.Zero);
    }

    [Test]
    public async Task a_bearer_token_from_the_configured_issuer_gets_in_as_its_subject_and_a_forged_one_does_not()
    {
        await using var api = await JwtApiAsync("auth_jwt");
        using var client = api.Factory.CreateClient();

        using var valid = await PlaceWithTokenAsync(client, Token("carol", IssuerKey), "k-1");
        using var forged = await PlaceWithTokenAsync(client, Token("carol", new SymmetricSecurityKey(Encoding.UTF8.GetBytes("someone-elses-key-0123456789abcdef-0123456789"))), "k-2");

        Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.Created), await valid.Content.ReadAsStringAsync());
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(forged.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
        Assert.That(await api.CountAsync("orders"), Is.EqualTo(1));
    }

    [Test]
    public async Task the_same_idempotency_key_from_two_principals_places_two_orders()
    {
        await using var api = await JwtApiAsync("auth_scope");
        using var client = api.Factory.CreateClient();

        using var byToken = await PlaceWithTokenAsync(client, Token("carol", IssuerKey), "shared");
        using var byKey = await api.PlaceAsync(OrderRequests.Valid(), "shared", client: "alice");
        using var byTokenAgain = await PlaceWithTokenAsync(client, Token("carol", IssuerKey), "shared");

        var first = await byToken.Content.ReadFromJsonAsync<JsonElement>();
        var second = await byKey.Content.ReadFromJsonAsync<JsonElement>();
        var replay = await byTokenAgain.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(second.GetProperty("id").GetString(), Is.Not.EqualTo(first.GetProperty("id").GetString()));
        Assert.That(replay.GetProperty("id").GetString(), Is.EqualTo(first.GetProperty("id").GetString()));
        Assert.That(await api.CountAsync("orders"), Is.EqualTo(2));
    }

    /// <summary>
    /// A token is an operator's when its role claim (<c>roles</c> by default) holds
    /// <c>orders.operator</c>, or its <c>scope</c> or <c>scp</c> claim lists it: it reads /stats
    /// and another client's order. A token without it is a client like any other: 403 on /stats
    /// naming Authorization, 404 on another client's order. The same value in another claim, or
    /// as part of a longer scope, grants nothing.
    /// </summary>
    [TestCase("roles", "orders.operator", true)]
    [TestCase("scope", "orders:read orders.operator", true)]
    [TestCase("scp", "orders.operator", true)]
    [TestCase("groups", "orders.operator", false)]
    [TestCase("scope", "orders.operators", false)]
    [TestCase("roles", "orders.reader", false)]
    public async Task a_bearer_token_with_the_operator_role_or_scope_is_an_operator(string claim, string value, bool isOperator)
    {
        await using var api = await JwtApiAsync("auth_jwt_operator");
        var order = await api.PlaceValidAsync(client: "alice");
        using var client = api.Factory.CreateClient();
        var token = Token("dave", IssuerKey, new Claim(claim, value));

        using var stats = await GetWithTokenAsync(client, token, "/stats");
        using var read = await GetWithTokenAsync(client, token, $"/orders/{order.Id}");

        if (isOperator)
        {
            Assert.That(stats.StatusCode, Is.EqualTo(HttpStatusCode.OK), await stats.Content.ReadAsStringAsync());
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        else
        {
            Assert.That(stats.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            await ProblemAssert.NamesFieldAsync(stats, "Authorization");
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    /// <summary>Auth:Jwt:RoleClaim names where the issuer puts roles; the default claim then grants nothing.</summary>
    [Test]
    public async Task the_role_claim_is_configurable()
    {
        await using var api = await JwtApiAsync("auth_jwt_role_claim", new Dictionary<string, string?> { ["Auth:Jwt:RoleClaim"] = "groups" });
        using var client = api.Factory.CreateClient();

        using var byGroups = await GetWithTokenAsync(client, Token("dave", IssuerKey, new Claim("groups", "orders.operator")), "/stats");
        using var byRoles = await GetWithTokenAsync(client, Token("erin", IssuerKey, new Claim("roles", "orders.operator")), "/stats");

        Assert.That(byGroups.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(byRoles.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string detail)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain(ApiKeys.Header));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(401));
        Assert.That(problem.GetProperty("errors").GetProperty(ApiKeys.Header)[0].GetString(), Does.Contain(detail));
    }

    /// <summary>An API that also accepts tokens of <see cref="Issuer"/> (keys given directly, so no discovery request leaves the test).</summary>
    private static Task<OrdersApiScenario> JwtApiAsync(string purpose, Dictionary<string, string?>? settings = null) => OrdersApiScenario.StartAsync(purpose,
        settings: new Dictionary<string, string?>(settings ?? []) { ["Auth:Jwt:Authority"] = Issuer, ["Auth:Jwt:Audience"] = Audience },
        services: services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            configuration.SigningKeys.Add(IssuerKey);
            jwt.Configuration = configuration;
            jwt.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
        }));

    private static string Token(string subject, SecurityKey key, params Claim[] claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim("sub", subject), .. claims]),
        // Valid from before the scenario's hand-moved clock until shortly after now, whichever clock validates it.
        NotBefore = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        IssuedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });

    private static Task<HttpResponseMessage> GetWithTokenAsync(HttpClient client, string token, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PlaceWithTokenAsync(HttpClient client, string token, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent(OrderRequests.Valid(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
