using System.CommandLine;
using Platform.Cli.Commands;
using Platform.Cli.Commands.Connectors;
using Platform.Operations.Commands;

var root = new RootCommand("Order platform: operate it (connectors, replay, dead letters, outbox, relay slots, contracts, dashboard).");
root.Subcommands.Add(ContractsCommand.Create());
root.Subcommands.Add(ConnectorsCommand.Create());
// Delivery into a consumer runs in the service that owns it: here --consumer names that service.
root.Subcommands.Add(ReplayCommand.Create(ConsumerCatalog.None));
root.Subcommands.Add(DlqCommand.Create(ConsumerCatalog.None));
root.Subcommands.Add(OutboxCommand.Create());
root.Subcommands.Add(RelayCommand.Create());
root.Subcommands.Add(DashboardCommand.Create());
var parsed = root.Parse(args);
var exitCode = await parsed.InvokeAsync();
// Bad usage (unknown option, missing argument) is exit 2, as documented for scripts, not System.CommandLine's 1.
return parsed.Errors.Count > 0 ? ExitCodes.BadInput : exitCode;
