using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace Platform.Kafka;

/// <summary>Checks operator-given librdkafka properties before any client is built with them.</summary>
public static partial class KafkaPropertyCheck
{
    // One probe per distinct set of properties in this process: a service checks the same
    // Kafka:Properties for each of its consumers and again for the producer beside them, and every
    // probe is a librdkafka client started and torn down (threads, a refused connection) on the
    // way to readiness. Results are kept in memory only, keyed by the properties themselves.
    private static readonly ConcurrentDictionary<string, ProbeResult> Probes = new(StringComparer.Ordinal);

    /// <summary>
    /// librdkafka checks property names and values only when a client is made: make one, silent
    /// and pointed at a local port that refuses at once, dispose it, and return what it refused
    /// (the message names the property), or null when it took them all.
    /// </summary>
    public static string? Problem(IEnumerable<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return Probe(properties).Problem;
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
        return Probe(properties).ConsumerOnly;
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

    private static ProbeResult Probe(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var given = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (given.Count == 0)
        {
            return ProbeResult.Accepted;
        }

        // Length-prefixed, so no name or value can make two different sets one key.
        var key = string.Concat(given.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key.Length}:{p.Key}{p.Value.Length}:{p.Value}"));
        return Probes.GetOrAdd(key, _ => ProbeOnce(given));
    }

    // A producer with the properties, built and disposed: what librdkafka refused, or the names it
    // warned are a consumer's.
    private static ProbeResult ProbeOnce(Dictionary<string, string> given)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            // Without a log queue librdkafka logs the configuration warnings on the calling
            // thread, in rd_kafka_new: they are all in when the probe returns. Its broker thread
            // may log meanwhile (the refused connection), hence the lock.
            using var probe = new ProducerBuilder<byte[], byte[]>(new ProducerConfig(given) { BootstrapServers = "127.0.0.1:9", LogQueue = false })
                .SetLogHandler((_, message) =>
                {
                    if (ConsumerPropertyWarning().Match(message.Message) is { Success: true } match && given.ContainsKey(match.Groups[1].Value))
                    {
                        lock (names)
                        {
                            names.Add(match.Groups[1].Value);
                        }
                    }
                })
                .Build();
        }
        catch (Exception ex) when (ex is ArgumentException or KafkaException or InvalidOperationException)
        {
            return new ProbeResult(ex.Message, new HashSet<string>());
        }

        lock (names)
        {
            return new ProbeResult(null, names);
        }
    }

    private sealed record ProbeResult(string? Problem, IReadOnlySet<string> ConsumerOnly)
    {
        public static readonly ProbeResult Accepted = new(null, new HashSet<string>());
    }

    // librdkafka's rd_kafka_new(): "Configuration property <name> is a consumer property and will be ignored by this producer instance".
    [GeneratedRegex(@"Configuration property (\S+) is a consumer property")]
    private static partial Regex ConsumerPropertyWarning();
}
