using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Platform.KafkaConnect.Internals;

/// <summary>
/// Sends one REST call and turns Connect's error answers (<c>{"error_code":..,"message":..}</c>) into
/// <see cref="KafkaConnectException"/>s. 409 answers are retried with bounded exponential backoff because
/// a distributed worker answers 409 while its group rebalances (DistributedHerder "Cannot complete request
/// momentarily due to stale configuration"); the 409 of <c>POST /connectors</c> for an existing name is final.
/// </summary>
internal sealed class ConnectTransport(HttpClient http, KafkaConnectOptions options, ILogger logger)
{
    public Uri BaseUrl => options.BaseUrl;

    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, JsonNode? body, string? connector, CancellationToken cancellationToken)
    {
        var delay = options.InitialBackoff;
        for (var attempt = 0; ; attempt++)
        {
            var (status, text) = await SendOnceAsync(method, path, body, cancellationToken).ConfigureAwait(false);
            if ((int)status < 400)
            {
                return (status, text);
            }

            var message = ErrorMessage(text) ?? status.ToString();
            if (status == HttpStatusCode.Conflict && !message.Contains("already exists", StringComparison.OrdinalIgnoreCase) && attempt < options.MaxConflictRetries)
            {
                ConnectLog.RetryingConflict(logger, method.Method, path, attempt + 1, options.MaxConflictRetries, delay, message);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxBackoff.Ticks));
                continue;
            }

            throw Failure(status, message, connector);
        }
    }

    private async Task<(HttpStatusCode, string)> SendOnceAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(options.BaseUrl, path));
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError == HttpRequestError.ConnectionError || e.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            throw new KafkaConnectException(KafkaConnectErrorKind.Unreachable, $"Kafka Connect is unreachable at {options.BaseUrl} ({e.Message}); is the worker running and the URL right?", null, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KafkaConnectException(KafkaConnectErrorKind.TimedOut, $"Kafka Connect at {options.BaseUrl} did not answer in time; check the worker's health and logs.", null, e);
        }
    }

    private KafkaConnectException Failure(HttpStatusCode status, string message, string? connector) => status switch
    {
        HttpStatusCode.NotFound when connector is not null => new(KafkaConnectErrorKind.NotFound, $"connector {connector} not found on {options.BaseUrl} ({message})", 404),
        HttpStatusCode.NotFound => new(KafkaConnectErrorKind.NotFound, $"not found on {options.BaseUrl}: {message}", 404),
        HttpStatusCode.Conflict when message.Contains("already exists", StringComparison.OrdinalIgnoreCase) => new(KafkaConnectErrorKind.AlreadyExists, message, 409),
        HttpStatusCode.Conflict => new(KafkaConnectErrorKind.Conflict, $"Kafka Connect at {options.BaseUrl} still answers 409 after {options.MaxConflictRetries} retries (worker group rebalancing): {message}", 409),
        // Connect's ConnectorsResource answers 500 "Request timed out" when the herder does not complete in 90 s.
        HttpStatusCode.InternalServerError when message.Contains("timed out", StringComparison.OrdinalIgnoreCase)
            => new(KafkaConnectErrorKind.TimedOut, $"Kafka Connect at {options.BaseUrl} timed out handling the request ({message}); check the worker's logs and group health.", 500),
        _ => new(KafkaConnectErrorKind.Rejected, $"Kafka Connect answered {(int)status}: {message}", (int)status),
    };

    private static string? ErrorMessage(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["message"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return string.IsNullOrWhiteSpace(body) ? null : body;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
