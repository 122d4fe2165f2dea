using System.Text;

namespace Relay.Tests;

/// <summary>
/// The partition a key lands on must be the one Kafka Connect's Java producer picks, or switching
/// between Debezium and this relay would move aggregates between partitions. Checks the
/// reference murmur2 against Kafka's own test vectors (UtilsTest.testMurmur2), and that the
/// conformance cases' expected partitions are the Java producer's. That librdkafka's
/// murmur2_random partitioner really places records there is proven by ConformanceTests.
/// </summary>
public class PartitioningTests
{
    [TestCase("21", -973932308)]
    [TestCase("foobar", -790332482)]
    [TestCase("a-little-bit-long-string", -985981536)]
    [TestCase("a-little-bit-longer-string", -1486304829)]
    [TestCase("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [TestCase("abc", 479470107)]
    public void murmur2_matches_the_java_clients_values(string key, int expected) =>
        Assert.That(JavaPartitioner.Murmur2(Encoding.UTF8.GetBytes(key)), Is.EqualTo(expected));

    [Test]
    public void every_conformance_case_expects_the_java_producers_partition()
    {
        foreach (var c in ConformanceCases.Load())
        {
            Assert.That(JavaPartitioner.Partition(Convert.FromBase64String(c.Expected.KeyBase64), c.Expected.Partitions),
                Is.EqualTo(c.Expected.Partition), c.Name);
        }
    }
}
