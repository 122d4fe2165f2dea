namespace Orders.Tests.Support;

/// <summary>Request bodies as raw JSON, so tests control exactly what goes over the wire.</summary>
public static class OrderRequests
{
    /// <summary>Two lines, total 2 x 12.50 + 1 x 5.00 = 30.00.</summary>
    public static string Valid(string customerId = "customer-1", string currency = "EUR") => $$"""
        {"customerId":"{{customerId}}","currency":"{{currency}}","lines":[
          {"sku":"SKU-1","quantity":2,"unitPrice":12.50},
          {"sku":"SKU-2","quantity":1,"unitPrice":5}]}
        """;
}
