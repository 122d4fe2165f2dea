using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Orders.Api.Domain;

namespace Orders.Api.Http;

/// <summary>
/// RFC 9457 problem details for every error the endpoints return. Each names the offending
/// field in <c>errors</c> (keyed by field path, as ASP.NET Core's validation problems are), so
/// clients handle 400, 401, 403, 404, 409, 413, 422 and 429 the same way.
/// </summary>
internal static class Problems
{
    /// <summary>A problem about one field.</summary>
    public static IResult Field(int status, string title, string field, string message) =>
        Of(status, title, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    /// <summary>A 400 listing every broken rule.</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Of(StatusCodes.Status400BadRequest, "The request is invalid.", errors);

    /// <summary>A 400 listing every broken rule.</summary>
    public static IResult Invalid(ValidationErrors errors) => Invalid(errors.ToDictionary());

    private static ProblemHttpResult Of(int status, string title, IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = status, Title = title, Type = TypeOf(status) });

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        StatusCodes.Status401Unauthorized => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        StatusCodes.Status403Forbidden => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        StatusCodes.Status404NotFound => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        StatusCodes.Status409Conflict => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        StatusCodes.Status413PayloadTooLarge => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        StatusCodes.Status422UnprocessableEntity => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        StatusCodes.Status429TooManyRequests => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        _ => "about:blank",
    };
}
