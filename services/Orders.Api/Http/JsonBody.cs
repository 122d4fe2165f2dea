using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Orders.Api.Http;

/// <summary>
/// Reads a JSON body ourselves instead of through parameter binding, so that a malformed body
/// or a wrong JSON type answers a problem naming the JSON path (<c>lines[0].quantity</c>) and an
/// oversized one answers 413, whichever server hosts the app (Kestrel or the test server).
/// </summary>
internal static class JsonBody
{
    /// <summary>Largest body accepted: 100 lines fit in well under this.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The body deserialized, <c>default</c> when empty, or the problem to answer.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (default, TooLarge());
        }

        var reader = request.BodyReader;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(cancellationToken);
            }
            catch (BadHttpRequestException ex)
            {
                // The server could not read the body as the request framed it: fewer bytes than its
                // Content-Length before the client stopped sending, a broken chunk, or more than the
                // server's own body limit. The client's error, answered as one (400 or 413) and not
                // logged as a failure of this service.
                return (default, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge() : Unreadable(ex));
            }

            var buffer = result.Buffer;
            if (buffer.Length > MaxBytes)
            {
                reader.AdvanceTo(buffer.End);
                return (default, TooLarge());
            }

            if (result.IsCompleted)
            {
                try
                {
                    return (Parse(buffer, typeInfo), null);
                }
                catch (JsonException ex)
                {
                    return (default, Malformed(ex));
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }

            // Nothing consumed, everything examined: the next read waits for more bytes.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static T? Parse<T>(ReadOnlySequence<byte> buffer, JsonTypeInfo<T> typeInfo)
    {
        if (buffer.IsEmpty)
        {
            return default;
        }

        var bytes = buffer.IsSingleSegment ? buffer.FirstSpan : buffer.ToArray();
        return JsonSerializer.Deserialize(bytes, typeInfo);
    }

    // The 400 for a body that is not valid JSON for the expected shape, naming where it broke.
    private static IResult Malformed(JsonException exception)
    {
        var path = exception.Path is null or "$" ? "body" : exception.Path.StartsWith("$.", StringComparison.Ordinal) ? exception.Path[2..] : exception.Path;
        return Problems.Field(StatusCodes.Status400BadRequest, "The request body is not valid JSON for this endpoint.", path,
            $"Invalid JSON at {exception.Path ?? "$"}: {FirstSentence(exception.Message)}");
    }

    private static IResult Unreadable(BadHttpRequestException exception) =>
        Problems.Field(exception.StatusCode, "The request body could not be read.", "body", exception.Message);

    private static IResult TooLarge() => Problems.Field(StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
        "body", $"The body must be at most {MaxBytes} bytes.");

    // System.Text.Json appends "Path: ... | LineNumber: ..." which the path field already says.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
