using Orders.Api.Http;
namespace Orders.Api.Queries;

/// <summary>One page of <c>GET /orders</c>, newest first.</summary>
/// <param name="Items">The orders of this page.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Orders per page, 1 to 100.</param>
/// <param name="TotalCount">Orders matching the filters, over all pages.</param>
public sealed record OrderPageResponse(IReadOnlyList<OrderResponse> Items, int Page, int PageSize, long TotalCount);
