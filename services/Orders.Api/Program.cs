using Microsoft.Extensions.Options;
using Orders.Api;
using Platform.Persistence.Observability;

// The Orders service as its own process, logging JSON (the Serilog section of appsettings.json).
// A missing or invalid setting stops it with the setting's name on stderr and exit code 1.
var builder = OrdersApi.CreateBuilder(args);
builder.Logging.AddPlatformJsonLogging(builder.Configuration);
var app = OrdersApi.Build(builder);
try
{
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("Orders.Api refused to start: " + ex.Message);
    return 1;
}
