using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Orders.Api.Cancellation;
using Orders.Api.Placement;
using Orders.Api.Queries;
using Orders.Api.Security;

namespace Orders.Api.Http;

/// <summary>Maps the <c>/orders</c> group; each feature maps its own routes and hands them to its handler.</summary>
public static class OrderEndpoints
{
    /// <summary>Maps <c>/orders</c>: placement, queries, cancellation; every route limited per client.</summary>
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup("/orders").WithTags("Orders").RequireClientRateLimit();
        orders.MapPlaceOrder();
        orders.MapOrderQueries();
        orders.MapCancelOrder();
        return endpoints;
    }
}
