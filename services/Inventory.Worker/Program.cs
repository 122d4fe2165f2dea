using Microsoft.Extensions.DependencyInjection;
using Inventory.Worker;
using Platform.Operations.Commands;
using Platform.ServiceDefaults;

// `replay` and `dlq` deliver recorded or parked events into this service's consumer (README,
// consumer tools); anything else starts the service. Settings come from appsettings.json,
// environment variables and the command line; see README.md for the list. Health: /health/live
// and /health/ready on --urls (default http://127.0.0.1:8082).
if (ConsumerTools.Handles(args))
{
    return await ConsumerTools.RunAsync(args, new ConsumerCatalog(new Dictionary<string, Action<IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration>>
    {
        [InventoryServiceCollectionExtensions.ConsumerName] = (services, configuration) => services.AddInventoryService(configuration),
    }));
}

return await ServiceProcess.RunAsync(args, "inventory", 8082, (services, configuration) => services.AddInventoryService(configuration));
