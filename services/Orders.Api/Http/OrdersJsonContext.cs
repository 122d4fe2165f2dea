using System.Text.Json.Serialization;
using System.Text.Json;
using Orders.Api.Cancellation;
using Orders.Api.Placement;
using Orders.Api.Queries;

namespace Orders.Api.Http;

/// <summary>
/// Source-generated JSON for the API's bodies: no reflection per request. Unknown properties are
/// rejected (a misspelt <c>quantty</c> must not silently become a default), and numbers must be
/// JSON numbers, not strings.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(PlaceOrderRequest))]
[JsonSerializable(typeof(CancelOrderRequest))]
[JsonSerializable(typeof(OrderResponse))]
[JsonSerializable(typeof(OrderPageResponse))]
internal sealed partial class OrdersJsonContext : JsonSerializerContext;
