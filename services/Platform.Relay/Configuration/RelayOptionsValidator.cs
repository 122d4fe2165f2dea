using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Platform.Kafka;
using Platform.Persistence;
using Platform.Relay.Records;

namespace Platform.Relay.Configuration;

/// <summary>Checks every <see cref="RelayOptions"/> setting at start; each failure names the setting.</summary>
public sealed partial class RelayOptionsValidator : IValidateOptions<RelayOptions>
{
    // Settings the guarantees rest on (docs: services/Platform.Relay/README.md, "Guarantees").
    private static readonly HashSet<string> Protected = new(StringComparer.Ordinal)
    {
        "enable.idempotence", "acks", "request.required.acks", "partitioner", "bootstrap.servers",
        "max.in.flight.requests.per.connection", "max.in.flight",
    };

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RelayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Relay:ConnectionString (or ConnectionStrings:Outbox) is required.");
        }

        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            failures.Add("Relay:BootstrapServers is required (Kafka host:port,...).");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add("Relay:Mode must be Cdc or Polling.");
        }

        if (!IdentifierPattern().IsMatch(options.SlotName ?? ""))
        {
            failures.Add("Relay:SlotName must match [a-z0-9_]{1,63}.");
        }

        if (!IdentifierPattern().IsMatch(options.PublicationName ?? ""))
        {
            failures.Add("Relay:PublicationName must match [a-z0-9_]{1,63}.");
        }

        AddRoutingFailures(options, failures);
        if (options.ConfirmInterval <= TimeSpan.Zero || options.ConfirmInterval > TimeSpan.FromSeconds(1))
        {
            failures.Add("Relay:ConfirmInterval must be greater than 0 and at most 00:00:01.");
        }

        if (options.UnknownHostPatience < TimeSpan.FromSeconds(1) || options.UnknownHostPatience > TimeSpan.FromHours(1))
        {
            failures.Add("Relay:UnknownHostPatience must be between 00:00:01 and 01:00:00.");
        }

        if (options.HeartbeatInterval < TimeSpan.FromMilliseconds(50) || options.HeartbeatInterval > TimeSpan.FromHours(1))
        {
            failures.Add("Relay:HeartbeatInterval must be between 00:00:00.05 and 01:00:00.");
        }

        if (options.PollingBatchSize is < 1 or > 100_000)
        {
            failures.Add("Relay:PollingBatchSize must be between 1 and 100000.");
        }

        if (options.PollingInterval <= TimeSpan.Zero || options.PollingInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Relay:PollingInterval must be greater than 0 and at most 00:01:00.");
        }

        failures.AddRange(options.Producer.Keys.Where(Protected.Contains)
            .Select(key => $"Relay:Producer:{key} cannot be overridden: the relay's delivery guarantees depend on it."));
        // librdkafka checks names and values only when the producer is made, which is after the
        // database answers: a misspelled property would otherwise surface only then, and as a
        // fatal error rather than a refused setting.
        var others = options.Producer.Where(p => !Protected.Contains(p.Key)).ToList();
        if (others.Count > 0 && KafkaPropertyCheck.Problem(others) is { } problem)
        {
            failures.Add($"Relay:Producer: {problem}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddRoutingFailures(RelayOptions options, List<string> failures)
    {
        try
        {
            _ = new TopicRouter(options.RouteTopicRegex, options.RouteTopicReplacement);
        }
        catch (ArgumentException ex)
        {
            failures.Add($"Relay:RouteTopicRegex / Relay:RouteTopicReplacement are invalid: {ex.Message}");
        }

        try
        {
            _ = AdditionalPlacement.ParseList(options.AdditionalPlacement);
        }
        catch (FormatException ex)
        {
            failures.Add($"Relay:AdditionalPlacement is invalid: {ex.Message}");
        }
    }

    [GeneratedRegex("^[a-z0-9_]{1,63}$")]
    private static partial Regex IdentifierPattern();
}
