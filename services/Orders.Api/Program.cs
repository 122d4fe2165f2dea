using Orders.Api;
using Platform.Operations.Commands;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Logging;

// `replay` and `dlq` deliver recorded or parked events into the saga or the read model (README,
// consumer tools); anything else starts the service as its own process, logging JSON (the Serilog
// section of appsettings.json). A missing or invalid setting stops it with the setting's name on
// stderr and exit code 1; a failed background service (a consumer) with exit code 70.
if (ConsumerTools.Handles(args))
{
    return await ConsumerTools.RunAsync(args, OrdersApi.Consumers);
}

return await ServiceProcess.RunAsync(() =>
{
    var builder = OrdersApi.CreateBuilder(args);
    builder.Logging.AddPlatformJsonLogging(builder.Configuration);
    return OrdersApi.Build(builder);
}, "Orders.Api");
