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
return await CliExit.InvokeAsync(root, args);
