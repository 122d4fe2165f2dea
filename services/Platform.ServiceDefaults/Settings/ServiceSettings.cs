using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Settings;

/// <summary>
/// Reads a service's settings while its services are being registered (its consumers need the
/// group id and topics then) and validates them at once, so a bad value stops the process with
/// the service's own message naming the setting, never a consumer's message about a value it was
/// handed.
/// </summary>
public static class ServiceSettings
{
    /// <summary>
    /// Binds <paramref name="section"/> to a new <typeparamref name="T"/> and validates it: no key
    /// it has no setting for (<see cref="UnknownSettings"/>), data annotations and <see cref="IValidatableObject"/>.
    /// </summary>
    /// <exception cref="OptionsValidationException">A key or a value breaks a rule; the message names every broken setting.</exception>
    public static T Read<T>(IConfiguration configuration, string section) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(section).Get<T>() ?? new T();
        IReadOnlyList<string> failures = [.. UnknownSettings.In(configuration, section, typeof(T)), .. SettingsValidation.Failures(settings, section)];
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(section, typeof(T), failures);
        }

        return settings;
    }
}
