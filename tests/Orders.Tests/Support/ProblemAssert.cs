using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;

namespace Orders.Tests.Support;

/// <summary>Checks that a response is RFC 9457 problem details naming a field.</summary>
public static class ProblemAssert
{
    public static async Task<HttpValidationProblemDetails> NamesFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(OrdersApiScenario.Json);
        Assert.That(problem, Is.Not.Null);
        Assert.That(problem!.Errors.Keys, Does.Contain(field), await response.Content.ReadAsStringAsync());
        Assert.That(problem.Status, Is.EqualTo((int)response.StatusCode));
        return problem;
    }
}
