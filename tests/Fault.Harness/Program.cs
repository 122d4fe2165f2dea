using Fault.Harness;
using Spectre.Console;

// The fault-injection harness. Runs the platform as separate processes (Orders API, three
// relays, Payments, Inventory, Notifications) on a local PostgreSQL and a mock Kafka cluster
// (or PLATFORM_TEST_POSTGRES / PLATFORM_TEST_KAFKA), places orders, injects seeded faults and
// checks the ledger. Exit code 0 when every invariant holds, 1 when one fails, 2 on bad options.
//
//   dotnet tests/Fault.Harness/bin/Release/net10.0/Fault.Harness.dll --seed 7 --faults 200 --report faults.json
HarnessOptions options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

AnsiConsole.MarkupLineInterpolated($"Fault harness: seed {options.Seed}, {options.Faults} faults, {options.OrdersPerSecond} orders/s");
var result = await FaultHarness.RunAsync(options, Console.WriteLine, cancel.Token);
HarnessReport.Print(AnsiConsole.Console, result);
return result.Failures.Count == 0 ? 0 : 1;
