using System.Globalization;
using Npgsql.Replication.PgOutput.Messages;
using Platform.Relay.Records;

namespace Platform.Relay.Cdc;

/// <summary>Turns a pgoutput INSERT of the outbox table (text values, protocol v1) into an <see cref="OutboxRow"/>.</summary>
internal static class OutboxRowDecoder
{
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>Reads every value of the new row, in column order (the tuple can be read only once).</summary>
    public static async ValueTask<OutboxRow> DecodeAsync(InsertMessage insert, CancellationToken cancellationToken)
    {
        var columns = insert.Relation.Columns;
        string? id = null, aggregateType = null, aggregateId = null, type = null, trace = null, sequence = null;
        byte[]? payload = null;
        long? micros = null;
        var index = 0;
        await foreach (var value in insert.NewRow.WithCancellation(cancellationToken))
        {
            var name = columns[index++].ColumnName;
            if (value.IsDBNull || value.IsUnchangedToastedValue)
            {
                continue;
            }

            switch (name)
            {
                case "id": id = await value.Get<string>(cancellationToken); break;
                case "aggregatetype": aggregateType = await value.Get<string>(cancellationToken); break;
                case "aggregateid": aggregateId = await value.Get<string>(cancellationToken); break;
                case "type": type = await value.Get<string>(cancellationToken); break;
                case "tracingspancontext": trace = await value.Get<string>(cancellationToken); break;
                case "sequence": sequence = await value.Get<string>(cancellationToken); break;
                case "payload": payload = ParseBytea(await value.Get<string>(cancellationToken)); break;
                case "timestamp": micros = ParseTimestampMicros(await value.Get<string>(cancellationToken)); break;
                default: break;
            }
        }

        return new OutboxRow(
            id ?? throw Missing("id"), aggregateType ?? throw Missing("aggregatetype"), aggregateId ?? throw Missing("aggregateid"),
            type ?? throw Missing("type"), payload ?? [], micros ?? throw Missing("timestamp"), trace, sequence ?? throw Missing("sequence"));
    }

    /// <summary>bytea in PostgreSQL's default hex output (<c>\x0a1b...</c>).</summary>
    internal static byte[] ParseBytea(string text)
    {
        if (!text.StartsWith("\\x", StringComparison.Ordinal))
        {
            throw new FormatException("The outbox payload is not in bytea hex format; set bytea_output = 'hex' (the default) for the relay's role.");
        }

        return Convert.FromHexString(text.AsSpan(2));
    }

    /// <summary><c>timestamp without time zone</c> text (ISO DateStyle, UTC by the outbox contract) to epoch microseconds.</summary>
    internal static long ParseTimestampMicros(string text)
    {
        var value = DateTime.ParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return OutboxRow.ToEpochMicros(value);
    }

    private static InvalidOperationException Missing(string column) =>
        new($"An outbox insert carried no value for column '{column}'; the publication's table is not the outbox table this relay expects.");
}
