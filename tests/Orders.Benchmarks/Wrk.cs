using System.Globalization;
using System.Text.Json;
using Platform.Local;

namespace Orders.Benchmarks;

/// <summary>
/// wrk (Debian package <c>wrk</c>), the native HTTP load generator: C connections in a closed
/// loop, each POST /orders with its own Idempotency-Key, made by a Lua script. pgbench, the
/// baseline, is a native client too, so neither side's figure pays for a managed load generator
/// on the same two cores.
/// </summary>
internal static class Wrk
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Script = """
        -- One Idempotency-Key per request: a run-unique prefix (argument 1), the thread and a counter.
        local threads = {}
        function setup(thread)
          table.insert(threads, thread)
          thread:set("thread_number", #threads)
        end

        function init(args)
          prefix = args[1] .. "-" .. thread_number .. "-"
          api_key = args[2]
          body = args[3]
          counter = 0
        end

        function request()
          counter = counter + 1
          return wrk.format("POST", "/orders", {
            ["Content-Type"] = "application/json",
            ["X-Api-Key"] = api_key,
            ["Idempotency-Key"] = prefix .. counter,
          }, body)
        end

        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('{"requests":%.0f,"durationUs":%.0f,"statusErrors":%.0f,"socketErrors":%.0f,"p50Us":%.0f,"p95Us":%.0f,"p99Us":%.0f,"maxUs":%.0f}\n',
            summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
            latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
        end
        """;

    /// <summary>The wrk binary on PATH, or null when it is not installed.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "wrk"))
            .FirstOrDefault(File.Exists);

    /// <summary>One closed-loop run of <paramref name="connections"/> connections for <paramref name="duration"/>.</summary>
    public static async Task<WrkResult> RunAsync(
        string binary, Uri baseAddress, string apiKey, byte[] body, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("orders-wrk-");
        try
        {
            var script = Path.Combine(folder.FullName, "orders.lua");
            await File.WriteAllTextAsync(script, Script, cancellationToken);
            var output = await ProcessRunner.RunAsync(binary,
            [
                "-t", Math.Min(2, connections).ToString(CultureInfo.InvariantCulture),
                "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", ((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s",
                "--timeout", "30s", "-s", script, baseAddress.ToString(), "--",
                Guid.NewGuid().ToString("N"), apiKey, System.Text.Encoding.UTF8.GetString(body),
            ], null, cancellationToken);
            var line = output.Split('\n').LastOrDefault(l => l.StartsWith("{\"requests\"", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk printed no summary:\n{output}");
            return JsonSerializer.Deserialize<WrkResult>(line, Json)
                ?? throw new InvalidOperationException("wrk's summary was empty.");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

/// <summary>wrk's summary: requests completed, run time, errors, latency percentiles (µs).</summary>
internal sealed record WrkResult(double Requests, double DurationUs, double StatusErrors, double SocketErrors, double P50Us, double P95Us, double P99Us, double MaxUs)
{
    /// <summary>Requests answered 2xx.</summary>
    public double Succeeded => Requests - StatusErrors;
}
