using System.CommandLine;
using Platform.AppHost;

var parsed = RunCommand.Create().Parse(args);
// Ctrl-C and SIGTERM are ShutdownSignal's alone: System.CommandLine would end the process two
// seconds after the signal, before the platform had stopped what it started.
var exitCode = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
// Bad usage (unknown option, bad value) is exit 2, as for the platform CLI.
return parsed.Errors.Count > 0 ? 2 : exitCode;
