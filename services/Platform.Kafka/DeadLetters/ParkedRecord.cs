using Confluent.Kafka;

namespace Platform.Kafka.DeadLetters;

/// <summary>What a parked record looked like before a consumer parked it.</summary>
public static class ParkedRecord
{
    /// <summary>A copy of <paramref name="message"/>'s headers; with <paramref name="originalOnly"/>, without any <c>dlq.*</c> header.</summary>
    public static Headers CopyHeaders(Message<byte[]?, byte[]?> message, bool originalOnly)
    {
        var headers = new Headers();
        foreach (var header in message.Headers ?? [])
        {
            if (!originalOnly || !header.Key.StartsWith(DeadLetterHeaders.Prefix, StringComparison.Ordinal))
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        return headers;
    }
}
