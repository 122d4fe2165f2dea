using Platform.Contracts.Compatibility;

namespace Contracts.Tests;

/// <summary>
/// The compatibility checker recognises each kind of breaking change and accepts additions.
/// Pure unit tests over hand-made snapshots.
/// </summary>
public class CompatibilityCheckerTests
{
    private static ContractSnapshot Snapshot(params (int Number, string Name, string Type, bool Repeated)[] fields) =>
        SnapshotWithReserved([], fields);

    private static ContractSnapshot SnapshotWithReserved(int[] reserved, params (int Number, string Name, string Type, bool Repeated)[] fields)
    {
        var shape = new MessageShape { Reserved = new SortedSet<int>(reserved) };
        foreach (var f in fields)
        {
            shape.Fields[f.Number] = new FieldShape(f.Name, f.Type, f.Repeated);
        }

        var snapshot = new ContractSnapshot();
        snapshot.Messages["orders.v1.OrderPlaced"] = shape;
        return snapshot;
    }

    private static readonly ContractSnapshot Released = Snapshot((1, "order_id", "string", false), (2, "lines", "orders.v1.OrderLine", true));

    [Test]
    public void adding_a_field_with_a_new_number_is_compatible()
    {
        var current = Snapshot((1, "order_id", "string", false), (2, "lines", "orders.v1.OrderLine", true), (3, "note", "string", false));

        Assert.That(ContractCompatibility.FindBreakingChanges(Released, current), Is.Empty);
    }

    [Test]
    public void removing_a_field_without_reserving_its_number_breaks()
    {
        var current = Snapshot((1, "order_id", "string", false));

        Assert.That(ContractCompatibility.FindBreakingChanges(Released, current), Has.One.Contains("removed without reserving"));
    }

    [Test]
    public void removing_a_field_and_reserving_its_number_is_compatible()
    {
        var current = SnapshotWithReserved([2], (1, "order_id", "string", false));

        Assert.That(ContractCompatibility.FindBreakingChanges(Released, current), Is.Empty);
    }

    [Test]
    public void renumbering_a_field_breaks()
    {
        var current = Snapshot((1, "order_id", "string", false), (5, "lines", "orders.v1.OrderLine", true));

        Assert.That(ContractCompatibility.FindBreakingChanges(Released, current), Has.One.Contains("renumbered from 2 to 5"));
    }

    [TestCase("int64", true, TestName = "retyping_a_field_breaks")]
    [TestCase("orders.v1.OrderLine", false, TestName = "making_a_repeated_field_single_breaks")]
    public void retyping_breaks(string type, bool repeated)
    {
        var current = Snapshot((1, "order_id", "string", false), (2, "lines", type, repeated));

        Assert.That(ContractCompatibility.FindBreakingChanges(Released, current), Has.One.Contains("retyped"));
    }

    [Test]
    public void reusing_a_field_number_for_another_field_breaks()
    {
        var current = Snapshot((1, "order_id", "string", false), (2, "coupon", "string", false));

        Assert.That(ContractCompatibility.FindBreakingChanges(Released, current), Has.Some.Contains("number 2 reused"));
    }

    [Test]
    public void reusing_a_reserved_number_breaks()
    {
        var released = SnapshotWithReserved([3], (1, "order_id", "string", false));
        var current = Snapshot((1, "order_id", "string", false), (3, "note", "string", false));

        Assert.That(ContractCompatibility.FindBreakingChanges(released, current), Has.One.Contains("reserved field number 3"));
    }

    [Test]
    public void removing_a_released_message_breaks()
    {
        Assert.That(ContractCompatibility.FindBreakingChanges(Released, new ContractSnapshot()), Has.One.Contains("message removed"));
    }

    [Test]
    public void a_snapshot_survives_its_json_round_trip()
    {
        var current = ContractSnapshot.Current();

        var again = ContractSnapshot.FromJson(current.ToJson());

        Assert.That(again.ToJson(), Is.EqualTo(current.ToJson()));
        Assert.That(again.Messages, Does.ContainKey("orders.v1.OrderPlaced"));
    }
}
