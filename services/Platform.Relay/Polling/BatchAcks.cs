using Confluent.Kafka;
using Platform.Relay.Kafka;

namespace Platform.Relay.Polling;

/// <summary>Waits until Kafka acknowledged every record of a polling batch, or reports the first failure.</summary>
internal sealed class BatchAcks(int expected)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = expected;

    /// <summary>Delivery report handler.</summary>
    public void Report(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            _done.TrySetException(new KafkaDeliveryException(new ProduceException<byte[], byte[]>(report.Error, report)));
        }
        else if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }

    /// <summary>Completes when all are acknowledged; throws on a delivery failure or after <paramref name="patience"/>.</summary>
    public Task WaitAsync(TimeSpan patience, CancellationToken cancellationToken) => _done.Task.WaitAsync(patience, cancellationToken);
}
