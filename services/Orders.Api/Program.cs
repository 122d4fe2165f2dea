using Orders.Api;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Logging;

// The Orders service as its own process, logging JSON (the Serilog section of appsettings.json).
// A missing or invalid setting stops it with the setting's name on stderr and exit code 1; a
// failed background service (the saga's or the read model's consumer) with exit code 70.
return await ServiceProcess.RunAsync(() =>
{
    var builder = OrdersApi.CreateBuilder(args);
    builder.Logging.AddPlatformJsonLogging(builder.Configuration);
    return OrdersApi.Build(builder);
}, "Orders.Api");
