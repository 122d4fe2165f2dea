using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults.Settings;

/// <summary>
/// Keys in a settings section that its settings class has nothing for. .NET's configuration
/// binder ignores them, so a misspelled setting (<c>Relay__PollingIntervall</c>) would leave the
/// default in force without a word; the platform refuses to start instead, naming the key and the
/// settings its section has. Sections a class reads as a whole (a dictionary such as
/// <c>Relay:Producer</c> or <c>Auth:ApiKeys</c>, a list) take any key; nested settings classes
/// (<c>Auth:Jwt</c>) are checked the same way.
/// </summary>
public static class UnknownSettings
{
    /// <summary>One message per key under <paramref name="section"/> that <paramref name="settings"/> has no property for; empty when there is none.</summary>
    public static IReadOnlyList<string> In(IConfiguration configuration, string section, Type settings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(section);
        ArgumentNullException.ThrowIfNull(settings);
        var failures = new List<string>();
        Check(configuration.GetSection(section), section, settings, failures);
        return failures;
    }

    private static void Check(IConfigurationSection section, string path, Type settings, List<string> failures)
    {
        var properties = settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                failures.Add($"{path}:{child.Key} is not a setting; {path} has {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}.");
            }
            else if (IsSettingsClass(property.PropertyType))
            {
                Check(child, $"{path}:{child.Key}", property.PropertyType, failures);
            }
        }
    }

    // A class of settings of its own, as opposed to a value (string, number, TimeSpan, enum...)
    // or a dictionary or list, whose keys are the operator's to choose.
    private static bool IsSettingsClass(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);
}
