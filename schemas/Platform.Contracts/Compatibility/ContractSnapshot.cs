using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf.Reflection;

namespace Platform.Contracts.Compatibility;

/// <summary>
/// The shape of every released Protobuf message: field numbers, names, types, and reserved
/// numbers. Committed as <c>schemas/released.json</c>; <see cref="ContractCompatibility"/>
/// compares the current contracts against it.
/// </summary>
public sealed record ContractSnapshot
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Messages by full name (<c>orders.v1.OrderPlaced</c>).</summary>
    public SortedDictionary<string, MessageShape> Messages { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Takes a snapshot of every message compiled into this assembly.</summary>
    public static ContractSnapshot Current()
    {
        var files = typeof(ContractSnapshot).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>();
        var snapshot = new ContractSnapshot();
        foreach (var message in files.SelectMany(f => f.MessageTypes).SelectMany(Flatten))
        {
            snapshot.Messages[message.FullName] = MessageShape.Of(message);
        }

        return snapshot;
    }

    /// <summary>Reads a snapshot written by <see cref="ToJson"/>.</summary>
    public static ContractSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<ContractSnapshot>(json, Json) ?? throw new InvalidDataException("Empty contract snapshot.");

    /// <summary>Stable, diff-friendly JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    private static IEnumerable<MessageDescriptor> Flatten(MessageDescriptor message) =>
        new[] { message }.Concat(message.NestedTypes.SelectMany(Flatten));
}
