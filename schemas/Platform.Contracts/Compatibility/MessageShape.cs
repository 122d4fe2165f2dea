using Google.Protobuf.Reflection;

namespace Platform.Contracts.Compatibility;

/// <summary>One message's fields by number, and the numbers it reserves.</summary>
public sealed record MessageShape
{
    /// <summary>Fields keyed by field number.</summary>
    public SortedDictionary<int, FieldShape> Fields { get; init; } = [];

    /// <summary>Reserved field numbers (ranges expanded).</summary>
    public SortedSet<int> Reserved { get; init; } = [];

    /// <summary>The shape of <paramref name="message"/>.</summary>
    public static MessageShape Of(MessageDescriptor message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var shape = new MessageShape();
        foreach (var field in message.Fields.InFieldNumberOrder())
        {
            shape.Fields[field.FieldNumber] = FieldShape.Of(field);
        }

        foreach (var range in message.ToProto().ReservedRange)
        {
            // Ranges are [start, end) in descriptors; cap to keep "reserved 1 to max" small.
            for (var n = range.Start; n < Math.Min(range.End, range.Start + 10_000); n++)
            {
                shape.Reserved.Add(n);
            }
        }

        return shape;
    }
}
