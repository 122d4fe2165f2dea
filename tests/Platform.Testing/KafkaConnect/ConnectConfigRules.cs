using System.Globalization;
using System.Text.Json.Nodes;

namespace Platform.Testing.KafkaConnect;

/// <summary>
/// The connector configuration keys Kafka Connect itself defines, validated as Connect validates
/// them (<c>ConnectorConfig.configDef()</c> through <c>ConfigDef.validateAll</c>, called from
/// <c>AbstractHerder.validateConnectorConfig</c>): <c>name</c> (string, required, no default,
/// non-empty without control characters), <c>connector.class</c> (string, required) and
/// <c>tasks.max</c> (int, default 1, at least 1), with ConfigDef's error texts. Keys that only the
/// connector plugin defines are not modelled: the worker's scripted errors stand in for them.
/// </summary>
internal static class ConnectConfigRules
{
    public const string Name = "name";
    public const string ConnectorClass = "connector.class";
    public const string TasksMax = "tasks.max";

    private const string NullValue = "Null value can not be supplied as the configuration value.";

    private static readonly ConfigKey[] Keys =
    [
        new(Name, "STRING", Required: true, Default: null, Order: 1, Width: "MEDIUM", Display: "Connector name", Doc: "Globally unique name to use for this connector."),
        new(ConnectorClass, "STRING", Required: true, Default: null, Order: 2, Width: "LONG", Display: "Connector class", Doc: "Name or alias of the class for this connector."),
        new(TasksMax, "INT", Required: false, Default: "1", Order: 3, Width: "SHORT", Display: "Tasks max", Doc: "Maximum number of tasks to use for this connector."),
    ];

    /// <summary>
    /// Connect's 400 before any validation: no <c>connector.class</c>
    /// (<c>AbstractHerder.validateConnectorConfig</c>), or one that is not the plugin of the URL
    /// (<c>ConnectorPluginsResource.validateConfigs</c>); null when validation proceeds.
    /// </summary>
    public static string? Refusal(IReadOnlyDictionary<string, string?> config, string? plugin)
    {
        if (!config.TryGetValue(ConnectorClass, out var connectorClass) || connectorClass is null)
        {
            return $"Connector config {{{string.Join(", ", config.Select(p => $"{p.Key}={p.Value}"))}}} contains no connector type";
        }

        return plugin is not null && !Normalized(connectorClass).EndsWith(Normalized(plugin), StringComparison.Ordinal)
            ? $"Included connector type {connectorClass} does not match request type {plugin}"
            : null;
    }

    /// <summary>
    /// The body of <c>PUT /connector-plugins/{class}/config/validate</c> (<c>ConfigInfos</c>): one entry per
    /// Connect key with its definition and value, one per other supplied key (its value and the plugin's
    /// scripted errors), and <c>error_count</c> as the number of error messages.
    /// </summary>
    public static JsonObject Validate(string connectorClass, IReadOnlyDictionary<string, string?> config, IReadOnlyDictionary<string, string> pluginErrors)
    {
        var configs = new JsonArray();
        var errorCount = 0;
        foreach (var key in Keys)
        {
            var (value, errors) = Check(key, config);
            errorCount += errors.Count;
            configs.Add(new JsonObject { ["definition"] = key.ToJson(), ["value"] = Value(key.Name, value, errors) });
        }

        foreach (var (name, raw) in config.Where(p => Keys.All(k => k.Name != p.Key)))
        {
            var errors = new List<string>();
            if (pluginErrors.TryGetValue(name, out var message))
            {
                errors.Add(message);
            }

            if (raw is null)
            {
                errors.Add(NullValue);
            }

            errorCount += errors.Count;
            configs.Add(new JsonObject { ["definition"] = null, ["value"] = Value(name, raw, errors) });
        }

        return new JsonObject { ["name"] = connectorClass, ["error_count"] = errorCount, ["groups"] = new JsonArray("Common"), ["configs"] = configs };
    }

    /// <summary>Every error message of <see cref="Validate"/>, in its order: what a create or update refuses with.</summary>
    public static IReadOnlyList<string> Errors(IReadOnlyDictionary<string, string?> config, IReadOnlyDictionary<string, string> pluginErrors)
        => [.. Validate(config[ConnectorClass]!, config, pluginErrors)["configs"]!.AsArray()
            .SelectMany(c => c!["value"]!["errors"]!.AsArray().Select(e => e!.GetValue<string>()))];

    /// <summary>Connect's 400 text for a create or update whose config has errors (<c>AbstractHerder.maybeAddConfigErrors</c>).</summary>
    public static string Invalid(IReadOnlyList<string> errors)
        => $"Connector configuration is invalid and contains the following {errors.Count} error(s):\n{string.Join("\n", errors)}\n"
           + "You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`";

    // ConfigDef.parseForValidate: parse by type (a failure is one message, the value becomes null),
    // a missing key without default is one message, then the validator runs on whatever was parsed.
    private static (string? Value, List<string> Errors) Check(ConfigKey key, IReadOnlyDictionary<string, string?> config)
    {
        var errors = new List<string>();
        string? value;
        if (config.TryGetValue(key.Name, out var raw))
        {
            value = raw?.Trim();
            if (raw is not null && key.Type == "INT")
            {
                if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    value = number.ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    errors.Add(Invalid(key.Name, raw, "Not a number of type INT"));
                    value = null;
                }
            }

            if (raw is null)
            {
                errors.Add(NullValue);
            }
        }
        else if (key.Required)
        {
            errors.Add($"Missing required configuration \"{key.Name}\" which has no default value.");
            value = null;
        }
        else
        {
            value = key.Default;
        }

        var invalid = key.Name switch
        {
            // ConfigDef.NonEmptyStringWithoutControlChars: null passes (the missing key is reported above).
            Name when value is { Length: 0 } => Invalid(key.Name, value, "String may not be empty"),
            Name when value is not null && value.Any(char.IsControl)
                => Invalid(key.Name, value, "String may not contain control sequences but had the following ASCII chars: "
                    + string.Join(", ", value.Where(char.IsControl).Select(c => ((int)c).ToString(CultureInfo.InvariantCulture)))),
            // ConfigDef.Range.atLeast(1).
            TasksMax when value is null => Invalid(key.Name, "null", "Value must be non-null"),
            TasksMax when int.Parse(value, CultureInfo.InvariantCulture) < 1 => Invalid(key.Name, value, "Value must be at least 1"),
            _ => null,
        };
        if (invalid is not null)
        {
            errors.Add(invalid);
        }

        return (value, errors);
    }

    // ConfigException(name, value, message).
    private static string Invalid(string name, string value, string message) => $"Invalid value {value} for configuration {name}: {message}";

    private static JsonObject Value(string name, string? value, List<string> errors) => new()
    {
        ["name"] = name,
        ["value"] = value,
        ["recommended_values"] = new JsonArray(),
        ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e)]),
        ["visible"] = true,
    };

    // ConnectorPluginsResource.normalizedPluginName: a trailing "Connector" is an alias suffix.
    private static string Normalized(string plugin)
        => plugin.EndsWith("Connector", StringComparison.Ordinal) && plugin.Length > "Connector".Length ? plugin[..^"Connector".Length] : plugin;

    private sealed record ConfigKey(string Name, string Type, bool Required, string? Default, int Order, string Width, string Display, string Doc)
    {
        // ConfigKeyInfo as Connect serialises it.
        public JsonObject ToJson() => new()
        {
            ["name"] = Name,
            ["type"] = Type,
            ["required"] = Required,
            ["default_value"] = Default,
            ["importance"] = "HIGH",
            ["documentation"] = Doc,
            ["group"] = "Common",
            ["order"] = Order,
            ["width"] = Width,
            ["display_name"] = Display,
            ["dependents"] = new JsonArray(),
        };
    }
}
