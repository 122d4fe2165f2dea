using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orders.Tests.Support;

namespace Orders.Tests.Api;

/// <summary>
/// Hostile and unusual input on top of the validation matrix: control and invisible characters,
/// broken Unicode, SQL-looking values, odd headers and JSON shapes. Each is a 4xx problem
/// details response naming the field, writes nothing, and leaves the service ready; a
/// SQL-looking identifier that breaks no rule is data, stored verbatim, and harms nothing.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class BadInputBatteryTests
{
    private const string GoodLine = """{"sku":"SKU-1","quantity":1,"unitPrice":1.00}""";
    private OrdersApiScenario _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _api = await OrdersApiScenario.StartAsync("bad_input_battery");

    [OneTimeTearDown]
    public async Task StopAsync() => await _api.DisposeAsync();

    private static IEnumerable<TestCaseData> HostileBodies()
    {
        static TestCaseData Case(string name, string body, string field) => new TestCaseData(body, field).SetName(name);
        static string WithCustomer(string json) => $$"""{"customerId":{{json}},"currency":"EUR","lines":[{{GoodLine}}]}""";
        static string WithSku(string json) => $$"""{"customerId":"c-1","currency":"EUR","lines":[{"sku":{{json}},"quantity":1,"unitPrice":1}]}""";

        yield return Case("customerId_with_nul", WithCustomer("\"c\\u0000-1\""), "customerId");
        yield return Case("customerId_with_bell", WithCustomer("\"c\\u0007\""), "customerId");
        yield return Case("customerId_with_escape_sequence", WithCustomer("\"\\u001b[31mred\""), "customerId");
        yield return Case("customerId_with_bidi_override", WithCustomer("\"alice\\u202egnp.exe\""), "customerId");
        yield return Case("customerId_with_zero_width_space", WithCustomer("\"al\\u200bice\""), "customerId");
        yield return Case("sku_with_lone_high_surrogate", WithSku("\"SKU\\ud800\""), "lines[0].sku");
        yield return Case("sku_with_lone_low_surrogate", WithSku("\"\\udc00SKU\""), "lines[0].sku");
        yield return Case("sku_with_line_feed", WithSku("\"SKU\\n1\""), "lines[0].sku");
        yield return Case("customerId_over_64_in_emoji", WithCustomer("\"" + string.Concat(Enumerable.Repeat("\\ud83d\\ude00", 33)) + "\""), "customerId");
        yield return Case("quantity_sql", $$"""{"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":"1; DROP TABLE orders; --","unitPrice":1}]}""", "lines[0].quantity");
        yield return Case("currency_sql", """{"customerId":"c-1","currency":"EUR' OR '1'='1","lines":[""" + GoodLine + "]}", "currency");
        yield return Case("quantity_huge_number", $$"""{"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":1e400,"unitPrice":1}]}""", "lines[0].quantity");
        yield return Case("unitPrice_huge_number", $$"""{"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":1,"unitPrice":99999999999999999999999999999999}]}""", "lines[0].unitPrice");
        yield return Case("quantity_negative", $$"""{"customerId":"c-1","currency":"EUR","lines":[{"sku":"S","quantity":-5,"unitPrice":1}]}""", "lines[0].quantity");
        yield return Case("deeply_nested_json", "{\"customerId\":" + new string('[', 2000) + new string(']', 2000) + "}", "customerId");
        yield return Case("json_with_comments", "{/* hi */\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[" + GoodLine + "]}", "body");
        yield return Case("trailing_garbage", "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[" + GoodLine + "]} xyz", "body");
    }

    [TestCaseSource(nameof(HostileBodies))]
    public async Task hostile_input_is_a_4xx_naming_the_field_writes_nothing_and_the_service_stays_ready(string body, string field)
    {
        using var response = await _api.PlaceAsync(body, Guid.NewGuid().ToString());

        Assert.That((int)response.StatusCode, Is.InRange(400, 499), await response.Content.ReadAsStringAsync());
        await ProblemAssert.NamesFieldAsync(response, field);
        await AssertNothingWrittenAndReadyAsync();
    }

    [Test]
    public async Task bytes_that_are_not_utf8_are_a_400_naming_the_field_that_holds_them()
    {
        var body = Encoding.UTF8.GetBytes("""{"customerId":"c-""").Concat(new byte[] { 0xff, 0xfe, 0xc3 })
            .Concat(Encoding.UTF8.GetBytes("\",\"currency\":\"EUR\",\"lines\":[" + GoodLine + "]}")).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await _api.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        await ProblemAssert.NamesFieldAsync(response, "customerId");
        await AssertNothingWrittenAndReadyAsync();
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("key\u0001with-control")]
    [TestCase("schlüssel")]
    public async Task a_malformed_idempotency_key_is_a_400_naming_the_header(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = new StringContent("""{"customerId":"c-1","currency":"EUR","lines":[""" + GoodLine + "]}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await _api.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        await ProblemAssert.NamesFieldAsync(response, "Idempotency-Key");
        await AssertNothingWrittenAndReadyAsync();
    }

    [Test]
    public async Task an_over_long_idempotency_key_is_a_400_naming_the_header()
    {
        using var response = await _api.PlaceAsync("""{"customerId":"c-1","currency":"EUR","lines":[""" + GoodLine + "]}", new string('k', 10_000));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        await ProblemAssert.NamesFieldAsync(response, "Idempotency-Key");
        await AssertNothingWrittenAndReadyAsync();
    }

    [Test]
    public async Task a_cancel_reason_with_a_nul_is_a_400_naming_it_and_the_order_stays_placed()
    {
        await using var api = await OrdersApiScenario.StartAsync("bad_input_cancel");
        var order = await api.PlaceValidAsync();

        using var response = await api.Client.PostAsync($"/orders/{order.Id}/cancel",
            new StringContent("{\"reason\":\"changed\\u0000 my mind\"}", Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        await ProblemAssert.NamesFieldAsync(response, "reason");
        var status = await api.QueryAsync<string>("SELECT status FROM orders WHERE id = $1", order.Id);
        Assert.That(status, Is.EqualTo(new[] { "Placed" }));
    }

    [Test]
    public async Task a_sql_looking_customer_id_is_stored_verbatim_and_harms_nothing()
    {
        await using var api = await OrdersApiScenario.StartAsync("bad_input_sql");
        const string customer = "x'); DROP TABLE orders; --";

        using var response = await api.PlaceAsync(JsonSerializer.Serialize(new
        {
            customerId = customer,
            currency = "EUR",
            lines = new[] { new { sku = "SKU-1' OR '1'='1", quantity = 1, unitPrice = 1.00m } },
        }), Guid.NewGuid().ToString());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That(await api.QueryAsync<string>("SELECT customer_id FROM orders"), Is.EqualTo(new[] { customer }));
        using var page = await api.Client.GetAsync("/orders?customerId=" + Uri.EscapeDataString(customer));
        var items = (await page.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.That(items.GetArrayLength(), Is.EqualTo(1));
    }

    private async Task AssertNothingWrittenAndReadyAsync()
    {
        await _api.AssertNothingWrittenAsync();
        using var ready = await _api.Client.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "/health/ready");
    }
}
