using Confluent.Kafka;
using Platform.Kafka.Clients;
using Platform.Relay.Configuration;
using Platform.Relay.Records;

namespace Platform.Relay.Kafka;

/// <summary>Builds the relay's Kafka producer with the settings its guarantees rest on.</summary>
public static class RelayProducerFactory
{
    /// <summary>A producer for <paramref name="options"/>; <paramref name="onFatal"/> receives fatal client errors.</summary>
    public static IProducer<byte[], byte[]> Create(RelayOptions options, Action<Error> onFatal)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = RelayProducerConfig.Create(options.BootstrapServers ?? string.Empty, options.Producer);
        return new ProducerBuilder<byte[], byte[]>(config)
            .SetErrorHandler((_, error) =>
            {
                if (error.IsFatal)
                {
                    onFatal(error);
                }
            })
            .Build();
    }

    /// <summary>
    /// Hands a record to the producer, waiting while its local queue is full (back-pressure
    /// instead of dropping or unbounded memory). Both relay modes publish through here, so each
    /// record gets its <see cref="PublishSpan"/> (and, while the relay traces, that span's tracing
    /// headers), ended by Kafka's delivery report.
    /// </summary>
    public static async ValueTask ProduceAsync(
        IProducer<byte[], byte[]> producer, OutboxRecord record,
        Action<DeliveryReport<byte[], byte[]>> onDelivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(record);
        var (topic, message) = (record.Topic, record.Message);
        var span = PublishSpan.Start(record);
        if (span is not null)
        {
            var delivered = onDelivered;
            onDelivered = report =>
            {
                PublishSpan.End(span, report);
                delivered(report);
            };
        }

        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivered);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                await Task.Delay(1, cancellationToken);
            }
        }
    }
}
