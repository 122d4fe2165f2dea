using Inventory.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Settings come from appsettings.json, environment variables (Inventory__SeedStock__SKU-1=10)
// and the command line; see README.md for the list.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddInventoryService(builder.Configuration);
await builder.Build().RunAsync();
