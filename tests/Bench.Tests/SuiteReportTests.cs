using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Bench.Reporting;
using Bench.Suite;

namespace Bench.Tests;

/// <summary>
/// The suite's aggregation on a handful of records: what programs append with --report is read
/// back unchanged, and the output folder gets results.json (valid JSON with every record, the
/// steps and the machine facts), results.md (one table row per record) and report.html (well-formed,
/// self-contained: inline SVG, no script, nothing fetched). Does not run any benchmark.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SuiteReportTests
{
    [Test]
    public void records_appended_by_programs_are_read_back_unchanged()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-records-{Guid.NewGuid():N}.jsonl");
        try
        {
            var first = BenchRecord.AtMost("relay", "relay CDC commit-to-ack p99", 12.5, "ms", 50);
            var second = BenchRecord.Info("relay", "relay CDC commit-to-ack p95", double.NaN, "ms");
            BenchReport.Append(file, [first]);
            BenchReport.Append(file, [second]);

            var read = BenchReport.Read(file);

            Assert.That(read, Has.Count.EqualTo(2));
            Assert.That(read[0], Is.EqualTo(first));
            Assert.That(read[1].Figure, Is.EqualTo(second.Figure));
            Assert.That(read[1].Value, Is.NaN);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void the_report_option_is_taken_out_of_the_arguments()
    {
        string[] args = ["500000", "--report", "out.jsonl", "2000"];

        var file = BenchReport.TakeOption(ref args);

        Assert.That(file, Is.EqualTo("out.jsonl"));
        Assert.That(args, Is.EqualTo(new[] { "500000", "2000" }));
    }

    [Test]
    public void targets_compute_ratio_and_met_in_the_direction_of_the_target()
    {
        var api = BenchRecord.AgainstBaseline("api", "POST /orders", 1_500, "orders/s", 5_000, "pgbench 8 clients", 0.6);
        var latency = BenchRecord.AtMost("relay", "p99", 25, "ms", 50);
        var throughput = BenchRecord.AtLeast("consumers", "payments", 1_000, "events/s", 3_000);

        Assert.Multiple(() =>
        {
            Assert.That(api.Ratio, Is.EqualTo(0.3).Within(1e-9));
            Assert.That(api.Met, Is.False);
            Assert.That(api.Progress, Is.EqualTo(0.5).Within(1e-9));
            Assert.That(latency.Met, Is.True);
            Assert.That(latency.Progress, Is.EqualTo(2).Within(1e-9));
            Assert.That(throughput.Met, Is.False);
            Assert.That(BenchRecord.AtLeast("x", "unmeasured", double.NaN, "events/s", 1).Met, Is.Null);
        });
    }

    [Test]
    public void percentiles_are_nearest_rank()
    {
        var summary = Percentiles.Summarize(Enumerable.Range(1, 100).Select(i => (double)i).Reverse());

        Assert.That((summary.P50, summary.P95, summary.P99, summary.Max), Is.EqualTo((50d, 95d, 99d, 100d)));
        Assert.That(Percentiles.Summarize([]).P99, Is.NaN);
    }

    [Test]
    public void the_output_folder_gets_well_formed_json_markdown_and_html()
    {
        var folder = Directory.CreateTempSubdirectory("bench-suite-");
        try
        {
            var result = Sample();

            SuiteOutput.Write(folder.FullName, result);

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.FullName, SuiteOutput.Json)));
            Assert.That(json.RootElement.GetProperty("records").GetArrayLength(), Is.EqualTo(result.Records.Count));
            Assert.That(json.RootElement.GetProperty("steps")[1].GetProperty("status").GetString(), Is.EqualTo("timed out"));
            Assert.That(json.RootElement.GetProperty("machine").GetProperty("cores").GetString(), Is.EqualTo("2"));

            var markdown = File.ReadAllLines(Path.Combine(folder.FullName, SuiteOutput.Markdown));
            Assert.That(markdown.Count(line => line.StartsWith('|')), Is.EqualTo(result.Records.Count + 2));
            Assert.That(markdown, Has.Some.Contains("relay polling p99 / CDC p99"));

            var html = File.ReadAllText(Path.Combine(folder.FullName, SuiteOutput.Html));
            var page = XDocument.Load(XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
            XNamespace svg = "http://www.w3.org/2000/svg";
            Assert.That(page.Descendants(svg + "svg").Count(), Is.EqualTo(2), "a target chart and a latency chart");
            Assert.That(page.Descendants(svg + "rect").Count(), Is.GreaterThanOrEqualTo(result.Records.Count(r => r.Met is not null)));
            Assert.That(page.Descendants().Where(e => e.Name.LocalName == "script"), Is.Empty);
            Assert.That(html, Does.Not.Contain("http://cdn").And.Not.Contain("https://"));
            Assert.That(html, Does.Contain("a &lt;b&gt; &amp; c"), "text is escaped");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static SuiteResult Sample() => new()
    {
        StartedAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
        Seconds = 600,
        Mode = "quick",
        Command = "./build.sh bench --quick=true",
        Machine = new Dictionary<string, string> { ["cores"] = "2", ["memory"] = "23.5 GiB" },
        Steps =
        [
            new StepOutcome("relay", "dotnet tests/Relay.Benchmarks/bin/Release/net10.0/Relay.Benchmarks.dll", 0, 60, 3, "logs/01-relay.log"),
            new StepOutcome("end to end", "dotnet tests/Saga.Benchmarks/bin/Release/net10.0/Saga.Benchmarks.dll", null, 300, 0, "logs/02-end-to-end.log"),
        ],
        Records =
        [
            BenchRecord.AgainstBaseline("api", "POST /orders, 8 clients (closed loop)", 1_200, "orders/s", 4_000, "pgbench 8 clients", 0.6),
            BenchRecord.Info("api", "POST /orders, 8 clients (closed loop) p50", 6.5, "ms"),
            BenchRecord.Info("api", "POST /orders, 8 clients (closed loop) p95", 14, "ms"),
            BenchRecord.Info("api", "POST /orders, 8 clients (closed loop) p99", 30, "ms"),
            BenchRecord.AtMost("relay", "relay CDC commit-to-ack p99", 11, "ms", 50),
            BenchRecord.AtLeast("relay", "relay polling p99 / CDC p99 (CDC 10x lower)", 2.5, "x", 10),
            BenchRecord.Info("hot paths", "a <b> & c", double.NaN, "ns/op"),
        ],
    };
}
