using System.CommandLine;
using Platform.Cli.Commands;
using Platform.Cli.Commands.Connectors;

var root = new RootCommand("Order platform: run it locally and operate it.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ContractsCommand.Create());
root.Subcommands.Add(ConnectorsCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(DlqCommand.Create());
root.Subcommands.Add(OutboxCommand.Create());
root.Subcommands.Add(RelayCommand.Create());
root.Subcommands.Add(DashboardCommand.Create());
var parsed = root.Parse(args);
var exitCode = await parsed.InvokeAsync();
// Bad usage (unknown option, missing argument) is exit 2, as documented for scripts, not System.CommandLine's 1.
return parsed.Errors.Count > 0 ? ExitCodes.BadInput : exitCode;
