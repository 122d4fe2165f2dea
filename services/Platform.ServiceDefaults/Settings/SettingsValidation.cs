using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Settings;

/// <summary>
/// Validation of a settings class at start whose failures read as a list of broken settings, one
/// line each, rather than .NET's "DataAnnotation validation failed for 'X' members: ..." wrapping.
/// </summary>
public static class SettingsValidation
{
    /// <summary>
    /// Validates <typeparamref name="T"/>'s data annotations (and <see cref="IValidatableObject"/>)
    /// when the host starts. The messages are the annotations' own; with <paramref name="section"/>,
    /// a message that begins with its property's name is given the setting's full path
    /// ("MaxAttempts must be ..." of section <c>Consumers:payments</c> reads
    /// "Consumers:payments:MaxAttempts must be ..."), and a key in that section which
    /// <typeparamref name="T"/> has no setting for is refused too (<see cref="UnknownSettings"/>;
    /// checked against the host's configuration, where there is one).
    /// </summary>
    public static OptionsBuilder<T> ValidateSettings<T>(this OptionsBuilder<T> builder, string? section = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        builder.Services.AddSingleton<IValidateOptions<T>>(provider =>
            new AnnotationValidator<T>(name, section, section is null ? null : provider.GetService<IConfiguration>()));
        return builder.ValidateOnStart();
    }

    /// <summary>
    /// The broken settings of <paramref name="settings"/> by its data annotations (and
    /// <see cref="IValidatableObject"/>), one message each, named as <see cref="ValidateSettings{T}"/>
    /// names them; empty when it is valid.
    /// </summary>
    public static IReadOnlyList<string> Failures(object settings, string? section = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        return results.Select(result =>
        {
            var message = result.ErrorMessage ?? $"{string.Join(", ", result.MemberNames)} is invalid.";
            return section is not null && result.MemberNames.Any(m => message.StartsWith(m + " ", StringComparison.Ordinal))
                ? $"{section}:{message}"
                : message;
        }).ToList();
    }

    private sealed class AnnotationValidator<T>(string? name, string? section, IConfiguration? configuration) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (name is not null && name != optionsName)
            {
                return ValidateOptionsResult.Skip;
            }

            var failures = configuration is null || section is null
                ? Failures(options, section)
                : [.. UnknownSettings.In(configuration, section, typeof(T)), .. Failures(options, section)];
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
