using Microsoft.AspNetCore.Http;

namespace Platform.Dashboard.Internals;

/// <summary>The page, its script and its style, embedded in this assembly (the browser needs nothing from elsewhere).</summary>
internal static class StaticAssets
{
    // Only this origin's own files; no inline script, no framing by another site.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Serves the embedded file <paramref name="name"/> (from <c>wwwroot/</c>).</summary>
    public static IResult Serve(HttpContext context, string name, string contentType)
    {
        var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream("Platform.Dashboard.wwwroot." + name)
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing from the build.");
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Stream(stream, contentType);
    }
}
