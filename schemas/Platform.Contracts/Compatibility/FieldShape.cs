using Google.Protobuf.Reflection;

namespace Platform.Contracts.Compatibility;

/// <summary>What a field number means: its name, wire type and cardinality.</summary>
/// <param name="Name">Field name as written in the .proto file.</param>
/// <param name="Type">Scalar type name, or the full name of the message or enum type.</param>
/// <param name="Repeated">True for repeated (and map) fields.</param>
public sealed record FieldShape(string Name, string Type, bool Repeated)
{
    /// <summary>The shape of <paramref name="field"/>.</summary>
    public static FieldShape Of(FieldDescriptor field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var type = field.FieldType switch
        {
            FieldType.Message or FieldType.Group => field.MessageType.FullName,
            FieldType.Enum => field.EnumType.FullName,
            _ => field.FieldType.ToString().ToLowerInvariant(),
        };
        return new FieldShape(field.Name, type, field.IsRepeated);
    }
}
