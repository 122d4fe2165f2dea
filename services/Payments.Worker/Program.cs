using Microsoft.Extensions.DependencyInjection;
using Payments.Worker;
using Platform.ServiceDefaults;

// Settings come from appsettings.json, environment variables (Payments__CreditLimit) and the
// command line; see README.md for the list. Health: /health/live and /health/ready on --urls
// (default http://127.0.0.1:8081).
return await ServiceProcess.RunAsync(args, "payments", 8081, (services, configuration) => services.AddPaymentsService(configuration));
