using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace Platform.Persistence;

/// <summary>Checks operator-given librdkafka properties before any client is built with them.</summary>
public static partial class KafkaPropertyCheck
{
    /// <summary>
    /// librdkafka checks property names and values only when a client is made: make one, silent
    /// and pointed at a local port that refuses at once, dispose it, and return what it refused
    /// (the message names the property), or null when it took them all.
    /// </summary>
    public static string? Problem(IEnumerable<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return Probe(properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), _ => { });
    }

    /// <summary>
    /// The names among <paramref name="properties"/> that only a consumer reads. One set of
    /// <c>Kafka:Properties</c> serves a service's consumers and the producers and admin clients
    /// beside them (dead letters, replay); librdkafka ignores a consumer property given to those,
    /// with a CONFWARN line at every start that no operator can act on. Asked of librdkafka
    /// itself, which knows each property's scope: the probe of <see cref="Problem"/> is made with
    /// them and its warnings read. Empty when it refuses them (see <see cref="Problem"/>).
    /// </summary>
    public static IReadOnlySet<string> ConsumerOnly(IEnumerable<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var given = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (given.Count > 0)
        {
            // Without a log queue librdkafka logs the configuration warnings on the calling
            // thread, in rd_kafka_new: they are all in when the probe returns. Its broker thread
            // may log meanwhile (the refused connection), hence the lock.
            Probe(given, message =>
            {
                if (ConsumerPropertyWarning().Match(message.Message) is { Success: true } match && given.ContainsKey(match.Groups[1].Value))
                {
                    lock (names)
                    {
                        names.Add(match.Groups[1].Value);
                    }
                }
            });
        }

        return names;
    }

    /// <summary>
    /// <paramref name="properties"/> without those only a consumer reads (<see cref="ConsumerOnly"/>):
    /// what a producer or admin client beside the consumers is given.
    /// </summary>
    public static Dictionary<string, string> ForProducer(IEnumerable<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var given = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var name in ConsumerOnly(given))
        {
            given.Remove(name);
        }

        return given;
    }

    // A producer with the properties, its log lines to onLog, built and disposed; what librdkafka refused, or null.
    private static string? Probe(Dictionary<string, string> properties, Action<LogMessage> onLog)
    {
        try
        {
            using var probe = new ProducerBuilder<byte[], byte[]>(new ProducerConfig(properties) { BootstrapServers = "127.0.0.1:9", LogQueue = false })
                .SetLogHandler((_, message) => onLog(message))
                .Build();
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or KafkaException or InvalidOperationException)
        {
            return ex.Message;
        }
    }

    // librdkafka's rd_kafka_new(): "Configuration property <name> is a consumer property and will be ignored by this producer instance".
    [GeneratedRegex(@"Configuration property (\S+) is a consumer property")]
    private static partial Regex ConsumerPropertyWarning();
}
