using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.Worker;

// Settings come from appsettings.json, environment variables (Payments__CreditLimit) and the
// command line; see README.md for the list.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddPaymentsService(builder.Configuration);
await builder.Build().RunAsync();
