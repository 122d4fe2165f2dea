using Platform.AppHost;

var parsed = RunCommand.Create().Parse(args);
var exitCode = await parsed.InvokeAsync();
// Bad usage (unknown option, bad value) is exit 2, as for the platform CLI.
return parsed.Errors.Count > 0 ? 2 : exitCode;
