using System.CommandLine;
using Platform.Cli.Commands;

var root = new RootCommand("Order platform: run it locally and operate it.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ContractsCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(DlqCommand.Create());
return await root.Parse(args).InvokeAsync();
