using Inventory.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Worker;
using Payments.Worker;

namespace Services.Tests.Driving;

/// <summary>How to host one of the services in a test: its registration and where its settings live.</summary>
/// <param name="ConnectionName">Its <c>ConnectionStrings</c> entry.</param>
/// <param name="Section">Its settings section (group id and topics).</param>
/// <param name="ConsumerName">Its consumer, tuned under <c>Consumers:{name}</c>.</param>
/// <param name="Register">Its <c>Add...Service</c> method.</param>
/// <param name="ReadsPaymentAndInventoryEvents">Whether it has <c>PaymentEventsTopic</c> and <c>InventoryEventsTopic</c> settings besides <c>OrderEventsTopic</c>.</param>
internal sealed record ServiceUnderTest(
    string ConnectionName, string Section, string ConsumerName, Action<IServiceCollection, IConfiguration> Register, bool ReadsPaymentAndInventoryEvents = false)
{
    public static ServiceUnderTest Payments { get; } = new(
        "Payments", PaymentsOptions.Section, PaymentsServiceCollectionExtensions.ConsumerName, (s, c) => s.AddPaymentsService(c));

    public static ServiceUnderTest Inventory { get; } = new(
        "Inventory", InventoryOptions.Section, InventoryServiceCollectionExtensions.ConsumerName, (s, c) => s.AddInventoryService(c));

    public static ServiceUnderTest Notifications { get; } = new(
        "Notifications", NotificationsOptions.Section, NotificationsServiceCollectionExtensions.ConsumerName, (s, c) => s.AddNotificationsService(c),
        ReadsPaymentAndInventoryEvents: true);
}
