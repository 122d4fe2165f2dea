using Confluent.Kafka;

namespace Platform.Messaging;

/// <summary>Checks operator-given librdkafka properties before any client is built with them.</summary>
public static class KafkaPropertyCheck
{
    /// <summary>
    /// librdkafka checks property names and values only when a client is made: make one, silent
    /// and pointed at a local port that refuses at once, dispose it, and return what it refused
    /// (the message names the property), or null when it took them all.
    /// </summary>
    public static string? Problem(IEnumerable<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        try
        {
            using var probe = new ProducerBuilder<byte[], byte[]>(
                new ProducerConfig(properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)) { BootstrapServers = "127.0.0.1:9", LogQueue = false })
                .SetLogHandler((_, _) => { })
                .Build();
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or KafkaException or InvalidOperationException)
        {
            return ex.Message;
        }
    }
}
