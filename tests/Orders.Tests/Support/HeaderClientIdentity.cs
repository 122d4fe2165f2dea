using Microsoft.AspNetCore.Http;
using Orders.Api.Infrastructure;

namespace Orders.Tests.Support;

/// <summary>Test identity through the <see cref="IClientIdentity"/> seam: the <c>X-Test-Client</c> header, else anonymous.</summary>
public sealed class HeaderClientIdentity : IClientIdentity
{
    public const string Header = "X-Test-Client";

    public string Identify(HttpContext context)
    {
        var value = context.Request.Headers[Header].ToString();
        return value.Length > 0 ? value : PrincipalClientIdentity.Anonymous;
    }
}
