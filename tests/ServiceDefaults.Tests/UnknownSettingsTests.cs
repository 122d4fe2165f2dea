using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Messaging.Consuming;
using Platform.Messaging;
using Platform.ServiceDefaults.Settings;

namespace ServiceDefaults.Tests;

/// <summary>
/// Covers: a key in a settings section that its settings class has no property for (a misspelled
/// setting) is refused, named by its path with the section's settings, through every way the
/// services read settings (options validated at start, settings read while registering); keys
/// under a dictionary or list are the operator's and pass; nested settings classes are checked;
/// names match case-insensitively, as the binder's do. Does not cover: the processes' exit
/// (Fault.Tests StartRefusalTests).
/// </summary>
public class UnknownSettingsTests
{
    [Test]
    public void a_misspelled_setting_is_named_by_its_path_with_the_settings_its_section_has()
    {
        var configuration = Configuration(("Consumers:payments:MaxAttemps", "3"), ("Consumers:payments:MaxBatchSize", "8"));

        var failures = UnknownSettings.In(configuration, "Consumers:payments", typeof(ConsumerOptions));

        Assert.That(failures, Has.Count.EqualTo(1));
        Assert.That(failures[0], Does.StartWith("Consumers:payments:MaxAttemps is not a setting; Consumers:payments has ").And.Contain("MaxAttempts"));
    }

    [Test]
    public void keys_of_a_dictionary_setting_and_names_in_another_case_are_settings()
    {
        var configuration = Configuration(("Consumers:payments:kafkaproperties:fetch.wait.max.ms", "5"), ("Consumers:payments:maxattempts", "3"));

        Assert.That(UnknownSettings.In(configuration, "Consumers:payments", typeof(ConsumerOptions)), Is.Empty);
    }

    [Test]
    public void a_nested_settings_class_is_checked_too()
    {
        var configuration = Configuration(("Outer:Inner:Depth", "1"), ("Outer:Inner:Deep", "2"));

        Assert.That(UnknownSettings.In(configuration, "Outer", typeof(Outer)), Is.EqualTo(new[] { "Outer:Inner:Deep is not a setting; Outer:Inner has Depth." }));
    }

    [Test]
    public void options_validated_at_start_refuse_an_unknown_key_of_their_section()
    {
        var configuration = Configuration(("Consumers:payments:MaxAttemps", "3"));
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<ConsumerOptions>("payments").Bind(configuration.GetSection("Consumers:payments")).ValidateSettings("Consumers:payments");
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<ConsumerOptions>>().Get("payments"));

        Assert.That(refused!.Failures, Has.One.StartsWith("Consumers:payments:MaxAttemps is not a setting"));
    }

    [Test]
    public void settings_read_while_registering_refuse_an_unknown_key_of_their_section()
    {
        var configuration = Configuration(("Outer:Inner:Deep", "2"));

        var refused = Assert.Throws<OptionsValidationException>(() => ServiceSettings.Read<Outer>(configuration, "Outer"));

        Assert.That(refused!.Failures, Is.EqualTo(new[] { "Outer:Inner:Deep is not a setting; Outer:Inner has Depth." }));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    public sealed class Outer
    {
        public Inner Inner { get; set; } = new();
    }

    public sealed class Inner
    {
        public int Depth { get; set; }
    }
}
