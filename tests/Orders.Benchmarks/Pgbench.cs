using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Local;

namespace Orders.Benchmarks;

/// <summary>
/// pgbench with a custom script: the order row and its outbox row in ONE statement (a data-
/// modifying CTE), i.e. the cheapest way the database can take an order with its event, with the
/// same columns (its owner included) and indexes as the API's. This is the yardstick the API is
/// measured against.
/// </summary>
internal static partial class Pgbench
{
    private const string Binary = "/usr/lib/postgresql/15/bin/pgbench";

    // Spaces after JSON colons: pgbench would read ":2" as a variable reference.
    private const string Script = """
        \set n random(1, 1000000000)
        WITH o AS (
            INSERT INTO orders (id, client_id, customer_id, currency, status, total, lines, placed_at, version)
            VALUES (gen_random_uuid(), 'load', 'customer-' || :n, 'EUR', 'Placed', 30.00,
                    '[{"sku": "SKU-1", "quantity": 2, "unitPrice": 12.50}, {"sku": "SKU-2", "quantity": 1, "unitPrice": 5.00}]',
                    now(), 1)
            RETURNING id)
        INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, "timestamp", sequence)
        SELECT gen_random_uuid(), 'order', o.id::text, 'OrderPlaced', decode(repeat('0a', 120), 'hex'), now() AT TIME ZONE 'utc', 1 FROM o;
        """;

    /// <summary>Runs pgbench for <paramref name="seconds"/> with <paramref name="clients"/> clients; returns transactions per second.</summary>
    public static async Task<double> RunAsync(int port, string database, int clients, int seconds, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("orders-pgbench-");
        try
        {
            // pgbench runs as the postgres OS user when we are root: it must be able to read the script.
            var script = Path.Combine(folder.FullName, "order_outbox.sql");
            await File.WriteAllTextAsync(script, Script, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_101_101);
                File.SetUnixFileMode(script, (UnixFileMode)0b110_100_100);
            }

            string[] args = ["-n", "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
                "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture),
                "-f", script, database];
            var output = await RunAsync(args, cancellationToken);
            var match = TpsPattern().Match(output);
            return match.Success
                ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException("pgbench printed no tps line:\n" + output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // pgbench runs as the postgres OS user when we are root (as the cluster does).
    private static Task<string> RunAsync(string[] args, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(Binary, args, Environment.UserName == "root" ? "postgres" : null, cancellationToken);

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsPattern();
}
