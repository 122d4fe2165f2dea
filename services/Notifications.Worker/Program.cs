using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Notifications.Worker;

// Settings come from appsettings.json, environment variables and the command line; see README.md.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddNotificationsService(builder.Configuration);
await builder.Build().RunAsync();
