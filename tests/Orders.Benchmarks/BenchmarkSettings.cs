using System.Globalization;

namespace Orders.Benchmarks;

/// <summary>
/// Command line: <c>--clients 8,32</c> (concurrent clients per closed-loop round),
/// <c>--seconds 10</c> (measured time per side and round), <c>--rounds 5</c> (pgbench and API
/// rounds, alternated), <c>--rate 400</c> (open-loop arrival rate, orders/s; 0 skips the open loop),
/// <c>--generator auto|wrk|dotnet</c> (closed-loop load generator; auto: wrk when installed).
/// </summary>
internal sealed record BenchmarkSettings(IReadOnlyList<int> Clients, int Seconds, int Rounds, int Rate, string Generator)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        IReadOnlyList<int> clients = [8, 32];
        var seconds = 10;
        var rounds = 5;
        var rate = 400;
        var generator = "auto";
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--clients":
                    clients = [.. args[i + 1].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
                    break;
                case "--seconds":
                    seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--rounds":
                    rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    if (rounds < 1)
                    {
                        throw new ArgumentException("--rounds must be at least 1.");
                    }

                    break;
                case "--rate":
                    rate = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--generator":
                    generator = args[i + 1] is "auto" or "wrk" or "dotnet"
                        ? args[i + 1]
                        : throw new ArgumentException("--generator must be auto, wrk or dotnet.");
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}; use --clients 8,32 --seconds 10 --rounds 5 --rate 400 --generator auto [--report FILE].");
            }
        }

        return new BenchmarkSettings(clients, seconds, rounds, rate, generator);
    }
}
