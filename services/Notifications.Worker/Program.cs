using Microsoft.Extensions.DependencyInjection;
using Notifications.Worker;
using Platform.ServiceDefaults;

// Settings come from appsettings.json, environment variables and the command line; see
// README.md. Health: /health/live and /health/ready on --urls (default http://127.0.0.1:8083).
return await ServiceProcess.RunAsync(args, "notifications", 8083, (services, configuration) => services.AddNotificationsService(configuration));
