using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Relay;

// The relay as its own process: configuration from appsettings.json, environment variables
// (Relay__ConnectionString, Relay__BootstrapServers, ...) and the command line.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddOutboxRelay(builder.Configuration);
try
{
    await builder.Build().RunAsync();
}
catch (OptionsValidationException ex)
{
    // A bad setting stops the process with a message naming it.
    await Console.Error.WriteLineAsync("Relay configuration is invalid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", ex.Failures));
    return 2;
}

return Environment.ExitCode;
