using Notifications.Worker;
using Platform.Operations.Commands;

// `replay` and `dlq` deliver recorded or parked events into this service's consumer (README,
// consumer tools); anything else starts the service. Settings come from appsettings.json,
// environment variables and the command line; see README.md for the list. Health: /health/live
// and /health/ready on --urls (default http://127.0.0.1:8083).
return await ConsumerTools.RunWorkerAsync(args, "notifications", 8083, NotificationsServiceCollectionExtensions.ConsumerName,
    (services, configuration) => services.AddNotificationsService(configuration));
