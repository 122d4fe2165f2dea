using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Operations.DeadLetters;
using Platform.Operations.Replay;
using Platform.Operations;

namespace Platform.Dashboard.Internals;

/// <summary>
/// <c>POST /api/dead-letters/redrive</c>: the Redrive button. It runs
/// <see cref="DeadLetterOperations.RedriveAsync(string, string, IReadOnlyCollection{int}, ReplayFilter, long?, long?, CancellationToken)"/>,
/// the code of <c>platform dlq redrive --consumer C --partition P --from-offset O --to-offset O --yes</c>:
/// the parked record goes back to its original topic with its original key, value and headers
/// (every <c>dlq.*</c> header stripped, <c>replay.source</c> and <c>replay.id</c> added), answered
/// once Kafka acknowledged it. Guarantee: at least once. Pressing Redrive twice publishes the record
/// twice; the live consumers deduplicate by event id (<c>id</c> header) through their inbox, so
/// the effect happens once within the replay horizon (<c>Inbox:Retention</c>). The parked record
/// stays in the dead-letter topic (Kafka cannot delete one record); a record that still fails is
/// parked again.
/// </summary>
internal static class RedriveEndpoint
{
    public static async Task<IResult> HandleAsync(HttpRequest request, DashboardOptions options, IHostApplicationLifetime lifetime)
    {
        if (Refused(request, options) is { } refused)
        {
            return refused;
        }

        RedriveRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<RedriveRequest>(request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            return Field(StatusCodes.Status400BadRequest, "The request body is not a valid redrive request.", field, $"Not valid JSON for this field: {ex.Message}");
        }
        catch (InvalidOperationException)
        {
            return Field(StatusCodes.Status415UnsupportedMediaType, "Send JSON.", "Content-Type", "The body must be application/json.");
        }

        if (Invalid(body, options) is { } invalid)
        {
            return invalid;
        }

        var (consumer, partition, offset) = (body!.Consumer!, body.Partition!.Value, body.Offset!.Value);
        try
        {
            // Not the request's token: a redrive that started completes (and is acknowledged)
            // even when the browser goes away; only the dashboard's own stop interrupts it.
            var summary = await DeadLetterOperations.RedriveAsync(
                options.BootstrapServers, consumer, [partition], ReplayFilter.All, offset, offset, lifetime.ApplicationStopping);
            var published = summary.Topics.Values.Sum(t => t.Published);
            return published == 0
                ? Field(StatusCodes.Status404NotFound, "Nothing to redrive.", "offset",
                    $"{DeadLetterHeaders.TopicFor(consumer)} partition {partition} holds no record at offset {offset}.")
                : Results.Ok(new RedriveResult(consumer, partition, offset, summary.ReplayId, published));
        }
        catch (ReplayException ex)
        {
            return ex.Code switch
            {
                ReplayExitCode.BadInput => Field(StatusCodes.Status400BadRequest, "Redrive refused.", "offset", ex.Message),
                ReplayExitCode.UnknownTopic => Field(StatusCodes.Status404NotFound, "Nothing to redrive.", "partition", ex.Message),
                ReplayExitCode.BeyondRetention => Field(StatusCodes.Status410Gone, "Record no longer held by Kafka.", "offset", ex.Message),
                _ => Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Redrive failed.", detail: ex.Message),
            };
        }
    }

    private static IResult? Refused(HttpRequest request, DashboardOptions options)
    {
        if (options.ApiKey is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Redrive is disabled.",
                detail: "The dashboard was started without an API key; use `platform dlq redrive`.");
        }

        // A custom header also means a page of another origin cannot send this request (it would need CORS, which is not enabled).
        if (!request.Headers.TryGetValue(DashboardOptions.ApiKeyHeader, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Field(StatusCodes.Status401Unauthorized, "Authentication required.", DashboardOptions.ApiKeyHeader,
                $"Send the platform's operator key in the {DashboardOptions.ApiKeyHeader} header.");
        }

        // Hashes of equal length, compared in constant time: the time taken does not tell how much matched.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(values[0]!));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.ApiKey));
        return CryptographicOperations.FixedTimeEquals(presented, expected)
            ? null
            : Field(StatusCodes.Status401Unauthorized, "Authentication required.", DashboardOptions.ApiKeyHeader,
                $"The {DashboardOptions.ApiKeyHeader} header does not hold the platform's operator key.");
    }

    private static IResult? Invalid(RedriveRequest? body, DashboardOptions options)
    {
        if (body is null)
        {
            return Field(StatusCodes.Status400BadRequest, "The request body is not a valid redrive request.", "body", "A JSON object is required.");
        }

        if (string.IsNullOrWhiteSpace(body.Consumer) || !options.ConsumerGroups.Contains(body.Consumer, StringComparer.Ordinal))
        {
            return Field(StatusCodes.Status400BadRequest, "The request body is not a valid redrive request.", "consumer",
                $"consumer must be one of: {string.Join(", ", options.ConsumerGroups)}.");
        }

        if (body.Partition is not >= 0)
        {
            return Field(StatusCodes.Status400BadRequest, "The request body is not a valid redrive request.", "partition",
                "partition is required: the record's partition in the dead-letter topic, 0 or more.");
        }

        return body.Offset is not >= 0
            ? Field(StatusCodes.Status400BadRequest, "The request body is not a valid redrive request.", "offset",
                "offset is required: the record's offset in the dead-letter topic, 0 or more.")
            : null;
    }

    private static IResult Field(int status, string title, string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: title, statusCode: status);
}
