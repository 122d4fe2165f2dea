using System.Collections;
using Confluent.Kafka;
using Platform.Kafka;

namespace Platform.Operations;

/// <summary>
/// librdkafka properties the operator gives the CLI's and the dashboard's Kafka clients (replay,
/// dead letters, figures): the same <c>Kafka:Properties:{name}</c> settings the services read, as
/// environment variables (<c>Kafka__Properties__security.protocol=SASL_SSL</c>,
/// <c>Kafka__Properties__sasl.mechanism=SCRAM-SHA-512</c>, <c>Kafka__Properties__sasl.password=...</c>),
/// so that secrets never go on a command line. Never printed.
/// </summary>
public static class KafkaClientProperties
{
    /// <summary>Prefix of the environment variables read.</summary>
    public const string EnvironmentPrefix = "Kafka__Properties__";

    /// <summary>The properties in <paramref name="variables"/> (environment variables: name, value).</summary>
    public static Dictionary<string, string> From(IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in variables)
        {
            if (variable.Key is string name && name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) && name.Length > EnvironmentPrefix.Length
                && variable.Value is string value)
            {
                properties[name[EnvironmentPrefix.Length..]] = value;
            }
        }

        return properties;
    }

    /// <summary>
    /// Returns <paramref name="properties"/> when librdkafka takes them all; otherwise throws
    /// bad input naming what it refused (a misspelled name, an invalid value), before any client is built.
    /// </summary>
    public static Dictionary<string, string> Checked(Dictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (properties.Count > 0 && KafkaPropertyCheck.Problem(properties) is { } problem)
        {
            throw new ReplayException(ReplayExitCode.BadInput,
                $"{EnvironmentPrefix}* (librdkafka properties from the environment): {problem}. Correct or unset that variable.");
        }

        return properties;
    }

    /// <summary>This process's operator properties: <see cref="From"/> its environment, <see cref="Checked"/>.</summary>
    public static Dictionary<string, string> FromEnvironment() => Checked(From(Environment.GetEnvironmentVariables()));

    /// <summary>Adds this process's operator properties (<see cref="FromEnvironment"/>) to <paramref name="config"/>.</summary>
    public static T Apply<T>(T config) where T : ClientConfig => Apply(config, FromEnvironment());

    /// <summary>
    /// Adds <paramref name="properties"/> to <paramref name="config"/>, except those it already
    /// sets: the tool's own settings (group, commits, idempotence) are what its guarantees rest on;
    /// and, unless it is a consumer's, those only a consumer reads (<see cref="KafkaPropertyCheck.ConsumerOnly"/>).
    /// </summary>
    public static T Apply<T>(T config, IReadOnlyDictionary<string, string> properties) where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(properties);
        foreach (var (name, value) in config is ConsumerConfig ? properties : KafkaPropertyCheck.ForProducer(properties))
        {
            if (config.Get(name) is null)
            {
                config.Set(name, value);
            }
        }

        return config;
    }
}
