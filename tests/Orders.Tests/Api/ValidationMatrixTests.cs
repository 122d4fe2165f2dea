using System.Net;
using System.Text;
using Orders.Tests.Support;

namespace Orders.Tests.Api;

/// <summary>
/// Every invalid POST /orders is a 400 (413 for an oversized body) in RFC 9457 problem details
/// whose errors name the offending field, and writes nothing: no order, no outbox row, no key
/// row. One API and database serve the whole matrix, since none of it may write a row. Does not
/// cover idempotency-key errors (IdempotencyTests).
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class ValidationMatrixTests
{
    private const string GoodLine = """{"sku":"SKU-1","quantity":1,"unitPrice":1.00}""";
    private OrdersApiScenario _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _api = await OrdersApiScenario.StartAsync("validation_matrix");

    [OneTimeTearDown]
    public async Task StopAsync() => await _api.DisposeAsync();

    private static IEnumerable<TestCaseData> InvalidBodies()
    {
        static TestCaseData Case(string name, string body, string field) => new TestCaseData(body, field).SetName(name);
        static string Order(string customer = "\"c-1\"", string currency = "\"EUR\"", string lines = "[" + GoodLine + "]") =>
            $$"""{"customerId":{{customer}},"currency":{{currency}},"lines":{{lines}}}""";
        static string Line(string sku = "\"SKU-1\"", string quantity = "1", string unitPrice = "1.00") =>
            $$"""[{{GoodLine}},{{GoodLine}},{"sku":{{sku}},"quantity":{{quantity}},"unitPrice":{{unitPrice}}}]""";

        yield return Case("customerId_missing", """{"currency":"EUR","lines":[]}""".Replace("[]", "[" + GoodLine + "]", StringComparison.Ordinal), "customerId");
        yield return Case("customerId_null", Order(customer: "null"), "customerId");
        yield return Case("customerId_empty", Order(customer: "\"\""), "customerId");
        yield return Case("customerId_over_64", Order(customer: "\"" + new string('c', 65) + "\""), "customerId");
        yield return Case("customerId_a_number", Order(customer: "42"), "customerId");
        yield return Case("currency_missing", """{"customerId":"c-1","lines":[""" + GoodLine + "]}", "currency");
        yield return Case("currency_lower_case", Order(currency: "\"eur\""), "currency");
        yield return Case("currency_unknown", Order(currency: "\"ABC\""), "currency");
        yield return Case("currency_withdrawn", Order(currency: "\"HRK\""), "currency");
        yield return Case("lines_missing", """{"customerId":"c-1","currency":"EUR"}""", "lines");
        yield return Case("lines_empty", Order(lines: "[]"), "lines");
        yield return Case("lines_over_100", Order(lines: "[" + string.Join(',', Enumerable.Repeat(GoodLine, 101)) + "]"), "lines");
        yield return Case("lines_not_an_array", Order(lines: "{}"), "lines");
        yield return Case("line_null", Order(lines: "[null]"), "lines[0]");
        yield return Case("sku_missing", Order(lines: """[{"quantity":1,"unitPrice":1}]"""), "lines[0].sku");
        yield return Case("sku_empty", Order(lines: Line(sku: "\"\"")), "lines[2].sku");
        yield return Case("sku_over_64", Order(lines: Line(sku: "\"" + new string('s', 65) + "\"")), "lines[2].sku");
        yield return Case("quantity_missing", Order(lines: """[{"sku":"S","unitPrice":1}]"""), "lines[0].quantity");
        yield return Case("quantity_zero", Order(lines: Line(quantity: "0")), "lines[2].quantity");
        yield return Case("quantity_over_1000", Order(lines: Line(quantity: "1001")), "lines[2].quantity");
        yield return Case("quantity_fractional", Order(lines: Line(quantity: "1.5")), "lines[2].quantity");
        yield return Case("quantity_a_string", Order(lines: Line(quantity: "\"2\"")), "lines[2].quantity");
        yield return Case("unitPrice_missing", Order(lines: """[{"sku":"S","quantity":1}]"""), "lines[0].unitPrice");
        yield return Case("unitPrice_negative", Order(lines: Line(unitPrice: "-0.01")), "lines[2].unitPrice");
        yield return Case("unitPrice_three_decimals", Order(lines: Line(unitPrice: "1.001")), "lines[2].unitPrice");
        yield return Case("unitPrice_a_string", Order(lines: Line(unitPrice: "\"1.00\"")), "lines[2].unitPrice");
        yield return Case("unknown_property", """{"customerId":"c-1","currency":"EUR","lines":[""" + GoodLine + "],\"coupon\":\"FREE\"}", "coupon");
        yield return Case("unknown_line_property", Order(lines: """[{"sku":"S","quantty":1,"unitPrice":1}]"""), "lines[0].quantty");
        yield return Case("malformed_json", """{"customerId":"c-1",""", "body");
        yield return Case("not_an_object", "[1,2]", "body");
        yield return Case("empty_body", "", "body");
    }

    [TestCaseSource(nameof(InvalidBodies))]
    public async Task an_invalid_field_is_a_400_naming_it_and_writes_nothing(string body, string field)
    {
        using var response = await _api.PlaceAsync(body, Guid.NewGuid().ToString());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        await ProblemAssert.NamesFieldAsync(response, field);
        await _api.AssertNothingWrittenAsync();
    }

    [TestCase(true, TestName = "an_oversized_body_with_content_length_is_a_413")]
    [TestCase(false, TestName = "an_oversized_chunked_body_is_a_413")]
    public async Task an_oversized_body_is_a_413_and_writes_nothing(bool withLength)
    {
        var body = """{"customerId":"c-1","currency":"EUR","lines":[""" + string.Join(',', Enumerable.Repeat(GoodLine, 1500)) + "]}";
        Assert.That(Encoding.UTF8.GetByteCount(body), Is.GreaterThan(64 * 1024));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = withLength ? new StringContent(body, Encoding.UTF8, "application/json") : new ChunkedContent(body),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await _api.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        await ProblemAssert.NamesFieldAsync(response, "body");
        await _api.AssertNothingWrittenAsync();
    }

    // No Content-Length: the server learns the size only by reading.
    private sealed class ChunkedContent(string body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(Encoding.UTF8.GetBytes(body)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
