using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Settings;

/// <summary>
/// Tells a refused setting from a failure: what a process says when it will not start because of
/// its configuration. Refusals are the options' validation failures (each names its setting) and
/// the configuration binder's conversion errors (a value of the wrong type; the binder's message
/// names the setting's path). Anything else is a failure and keeps its stack trace.
/// </summary>
public static class SettingRefusal
{
    /// <summary>The broken settings <paramref name="error"/> reports, one message each; null when it is not a refusal.</summary>
    public static IReadOnlyList<string>? Reasons(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        switch (error)
        {
            case OptionsValidationException invalid:
                return invalid.Failures.ToList();
            case AggregateException many:
                // The start-up validator reports every invalid options type at once.
                var reasons = new List<string>();
                foreach (var inner in many.InnerExceptions)
                {
                    if (Reasons(inner) is not { } some)
                    {
                        return null;
                    }

                    reasons.AddRange(some);
                }

                return reasons.Count > 0 ? reasons : null;
            case InvalidOperationException when error.TargetSite?.DeclaringType == typeof(ConfigurationBinder):
                return [error.Message];
            default:
                return null;
        }
    }
}
