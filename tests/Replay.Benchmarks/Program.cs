using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bench.Reporting;
using Confluent.Kafka;
using Platform.Local;
using Platform.Operations.Replay;

// Re-publish replay throughput: fills a source topic with N outbox-shaped records (key, ~200 B
// value, id/eventType/sequence headers), then replays all of them to another topic and prints
// events/s from the first read to the last acknowledgement. The source producer compresses (lz4)
// because librdkafka's mock cluster keeps only about 5 MB per partition and drops older batches. Arguments: record count (default 200000), --report FILE.
var report = BenchReport.TakeOption(ref args);
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
using var cluster = MockKafkaCluster.Start(brokers: 3);
var source = "bench.source";
using (var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
{
    BootstrapServers = cluster.BootstrapServers, EnableIdempotence = true, Partitioner = Partitioner.Murmur2Random, LingerMs = 5, CompressionType = CompressionType.Lz4, QueueBufferingMaxMessages = count + 1_000,
}).Build())
{
    var value = new byte[200];
    for (var i = 0; i < count; i++)
    {
        var headers = new Headers
        {
            { "id", Encoding.UTF8.GetBytes(Guid.CreateVersion7().ToString()) },
            { "eventType", Encoding.UTF8.GetBytes("OrderPlaced") },
            { "sequence", Encoding.UTF8.GetBytes("1") },
        };
        producer.Produce(source, new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes($"order-{i}"), Value = value, Headers = headers });
    }

    if (producer.Flush(TimeSpan.FromMinutes(2)) > 0)
    {
        throw new InvalidOperationException("The source records were not all acknowledged.");
    }
}

var clock = Stopwatch.StartNew();
using var sink = new TopicReplaySink(cluster.BootstrapServers, "bench.target", "bench");
var summary = await ReplayRunner.RunAsync(cluster.BootstrapServers, new ReplayRequest { Topics = [source] }, sink, "bench", null, CancellationToken.None);
clock.Stop();
var published = summary.Topics[source].Published;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {summary.Topics[source].Read:N0}, matched {summary.Topics[source].Matched:N0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"replay --to-topic: {published:N0} of {count:N0} records in {clock.Elapsed.TotalSeconds:0.00} s = {published / clock.Elapsed.TotalSeconds:N0} events/s (target >= 20,000)"));
BenchReport.Append(report, [BenchRecord.AtLeast("replay", $"replay re-publish to a topic, {count:N0} events", published / clock.Elapsed.TotalSeconds, "events/s", 20_000)]);
