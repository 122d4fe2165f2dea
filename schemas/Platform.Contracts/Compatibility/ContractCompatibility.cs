namespace Platform.Contracts.Compatibility;

/// <summary>
/// Finds changes that break consumers of released contracts: a removed message, a removed field
/// whose number is not reserved, a field renumbered, retyped or changed between single and
/// repeated, and a released field number reused for something else. Added messages and fields
/// are compatible.
/// </summary>
public static class ContractCompatibility
{
    /// <summary>Human-readable breaking changes of <paramref name="current"/> against <paramref name="released"/>; empty when compatible.</summary>
    public static IReadOnlyList<string> FindBreakingChanges(ContractSnapshot released, ContractSnapshot current)
    {
        ArgumentNullException.ThrowIfNull(released);
        ArgumentNullException.ThrowIfNull(current);
        var problems = new List<string>();
        foreach (var (name, was) in released.Messages)
        {
            if (!current.Messages.TryGetValue(name, out var now))
            {
                problems.Add($"{name}: message removed");
                continue;
            }

            foreach (var (number, field) in was.Fields)
            {
                if (now.Fields.TryGetValue(number, out var field2))
                {
                    if (field2.Name != field.Name)
                    {
                        problems.Add($"{name}: field number {number} reused: was '{field.Name}', now '{field2.Name}'");
                    }
                    else if (field2.Type != field.Type || field2.Repeated != field.Repeated)
                    {
                        problems.Add($"{name}.{field.Name} ({number}): retyped from {Describe(field)} to {Describe(field2)}");
                    }

                    continue;
                }

                var moved = now.Fields.FirstOrDefault(f => f.Value.Name == field.Name);
                if (moved.Value is not null)
                {
                    problems.Add($"{name}.{field.Name}: renumbered from {number} to {moved.Key}");
                }
                else if (!now.Reserved.Contains(number))
                {
                    problems.Add($"{name}.{field.Name} ({number}): removed without reserving its number");
                }
            }

            foreach (var number in was.Reserved.Where(now.Fields.ContainsKey))
            {
                problems.Add($"{name}: reserved field number {number} reused by '{now.Fields[number].Name}'");
            }
        }

        return problems;
    }

    private static string Describe(FieldShape field) => (field.Repeated ? "repeated " : string.Empty) + field.Type;
}
