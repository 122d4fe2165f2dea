namespace Platform.Relay.Kafka;

/// <summary>Kafka did not acknowledge a record; the relay restarts from its last confirmed position.</summary>
public sealed class KafkaDeliveryException : Exception
{
    /// <summary>Wraps the delivery error.</summary>
    public KafkaDeliveryException(Exception innerException)
        : base("Kafka did not acknowledge a relayed record: " + innerException?.Message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KafkaDeliveryException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KafkaDeliveryException(string message)
        : base(message)
    {
    }
}
