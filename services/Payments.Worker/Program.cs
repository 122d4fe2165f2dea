using Microsoft.Extensions.DependencyInjection;
using Payments.Worker;
using Platform.Operations.Commands;
using Platform.ServiceDefaults;

// `replay` and `dlq` deliver recorded or parked events into this service's consumer (README,
// consumer tools); anything else starts the service. Settings come from appsettings.json,
// environment variables and the command line; see README.md for the list. Health: /health/live
// and /health/ready on --urls (default http://127.0.0.1:8081).
if (ConsumerTools.Handles(args))
{
    return await ConsumerTools.RunAsync(args, new ConsumerCatalog(new Dictionary<string, Action<IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration>>
    {
        [PaymentsServiceCollectionExtensions.ConsumerName] = (services, configuration) => services.AddPaymentsService(configuration),
    }));
}

return await ServiceProcess.RunAsync(args, "payments", 8081, (services, configuration) => services.AddPaymentsService(configuration));
