using Confluent.Kafka;
using Microsoft.Extensions.Hosting;

namespace Messaging.Benchmarks;

/// <summary>
/// A consumer under measurement: how to host it on a fresh database (its real service
/// registration, or the synthetic tally handler), and the records to feed it once it started.
/// </summary>
/// <param name="Name">Short name, e.g. <c>payments</c>.</param>
/// <param name="ConsumerName">Its registered consumer name (its named <c>ConsumerOptions</c>).</param>
/// <param name="Handler">What its handler does per event, for the report.</param>
/// <param name="CreateHostAsync">Creates the database on the admin connection string and builds the (unstarted) host on the bootstrap servers, with MaxBatchSize when given.</param>
/// <param name="PrepareAsync">After the host started (and migrated): seeds what the handlers need and returns the records to produce.</param>
internal sealed record ConsumerSubject(
    string Name,
    string ConsumerName,
    string Handler,
    Func<string, string, int?, Task<IHost>> CreateHostAsync,
    Func<IHost, int, Task<IReadOnlyList<TopicRecord>>> PrepareAsync)
{
    /// <summary>The subject's database on the benchmark's cluster.</summary>
    public string Database => DatabaseOf(Name);

    /// <summary>The database of the subject named <paramref name="name"/>.</summary>
    public static string DatabaseOf(string name) => "bench_" + name.Replace('-', '_');
}

/// <summary>A record to produce and the topic it goes to.</summary>
internal sealed record TopicRecord(string Topic, Message<byte[], byte[]> Message);
