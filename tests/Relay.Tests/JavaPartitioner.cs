namespace Relay.Tests;

/// <summary>
/// The partition Kafka's Java producer (and so Kafka Connect, and so Debezium) picks for a key:
/// <c>Utils.toPositive(Utils.murmur2(key)) % numPartitions</c> (org.apache.kafka.common.utils.Utils).
/// Written here from the algorithm's description, to check the relay against it independently.
/// </summary>
internal static class JavaPartitioner
{
    public static int Partition(byte[] key, int partitions) => (Murmur2(key) & 0x7fffffff) % partitions;

    public static int Murmur2(byte[] data)
    {
        const uint m = 0x5bd1e995;
        const int r = 24;
        var length = data.Length;
        var h = 0x9747b28c ^ (uint)length;
        var blocks = length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = BitConverter.ToUInt32(data, i * 4); // little-endian, as Java assembles it
            k *= m;
            k ^= k >> r;
            k *= m;
            h *= m;
            h ^= k;
        }

        var tail = blocks * 4;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[tail];
                h *= m;
                break;
            default:
                break;
        }

        h ^= h >> 13;
        h *= m;
        h ^= h >> 15;
        return unchecked((int)h);
    }
}
