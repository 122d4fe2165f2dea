using Inventory.Worker;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults;

// Settings come from appsettings.json, environment variables (Inventory__SeedStock__SKU-1=10)
// and the command line; see README.md for the list. Health: /health/live and /health/ready on
// --urls (default http://127.0.0.1:8082).
return await ServiceProcess.RunAsync(args, "inventory", 8082, (services, configuration) => services.AddInventoryService(configuration));
