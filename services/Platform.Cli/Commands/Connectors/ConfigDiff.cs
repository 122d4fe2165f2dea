using System.Text.RegularExpressions;

namespace Platform.Cli.Commands.Connectors;

/// <summary>
/// Added (+), changed (~) and removed (-) keys. Values of keys naming a password or secret are
/// masked unless they are Connect config-provider references (<c>${provider:path:key}</c>), which
/// carry no secret themselves and are worth seeing.
/// </summary>
internal static partial class ConfigDiff
{
    public static IReadOnlyList<ConfigChange> Compute(IReadOnlyDictionary<string, string>? running, IReadOnlyDictionary<string, string> wanted)
    {
        running ??= new Dictionary<string, string>();
        var changes = new List<ConfigChange>();
        foreach (var key in running.Keys.Union(wanted.Keys).Where(k => k != "name").Order(StringComparer.Ordinal))
        {
            var hasOld = running.TryGetValue(key, out var before);
            var hasNew = wanted.TryGetValue(key, out var after);
            if (hasOld && hasNew && before == after)
            {
                continue;
            }

            changes.Add(new ConfigChange(!hasOld ? '+' : !hasNew ? '-' : '~', key, Mask(key, before), Mask(key, after)));
        }

        return changes;
    }

    public static string? Mask(string key, string? value)
    {
        var sensitive = key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Contains("secret", StringComparison.OrdinalIgnoreCase);
        return value is null || !sensitive || ProviderReference().IsMatch(value) ? value : "****";
    }

    [GeneratedRegex(@"^\$\{[^:}]+:[^}]*\}$")]
    private static partial Regex ProviderReference();
}
