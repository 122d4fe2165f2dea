using Platform.Contracts.Compatibility;

namespace Contracts.Tests;

/// <summary>
/// The compiled contracts never break the released ones committed in schemas/released.json.
/// Covers field-level compatibility of every message; does not cover semantic changes to a
/// field's meaning, which no tool can see.
/// </summary>
public class ReleasedContractsTests
{
    [Test]
    public void current_contracts_do_not_break_the_released_snapshot()
    {
        var released = ContractSnapshot.FromJson(File.ReadAllText(SnapshotPath()));

        var problems = ContractCompatibility.FindBreakingChanges(released, ContractSnapshot.Current());

        Assert.That(problems, Is.Empty, "Breaking changes to released contracts; add fields with new numbers and reserve removed ones instead.");
    }

    [Test]
    public void every_compiled_message_is_released()
    {
        var released = ContractSnapshot.FromJson(File.ReadAllText(SnapshotPath()));

        Assert.That(ContractSnapshot.Current().Messages.Keys, Is.SubsetOf(released.Messages.Keys),
            "A new message is not in schemas/released.json yet: run 'platform contracts release' from the repository root.");
    }

    private static string SnapshotPath()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "schemas", "released.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("schemas/released.json not found above the test directory.");
    }
}
