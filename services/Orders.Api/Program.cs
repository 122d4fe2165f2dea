using Microsoft.Extensions.Options;
using Orders.Api;

// The Orders service as its own process. A missing or invalid setting stops it with the
// setting's name on stderr and exit code 1.
var app = OrdersApi.Build(OrdersApi.CreateBuilder(args));
try
{
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("Orders.Api refused to start: " + ex.Message);
    return 1;
}
