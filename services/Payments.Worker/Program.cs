using Payments.Worker;
using Platform.Operations.Commands;

// `replay` and `dlq` deliver recorded or parked events into this service's consumer (README,
// consumer tools); anything else starts the service. Settings come from appsettings.json,
// environment variables and the command line; see README.md for the list. Health: /health/live
// and /health/ready on --urls (default http://127.0.0.1:8081).
return await ConsumerTools.RunWorkerAsync(args, "payments", 8081, PaymentsServiceCollectionExtensions.ConsumerName,
    (services, configuration) => services.AddPaymentsService(configuration));
