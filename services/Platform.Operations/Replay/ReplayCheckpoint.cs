using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Platform.Operations;

namespace Platform.Operations.Replay;

/// <summary>
/// Per topic-partition next offset to read, kept in a JSON file. Guarantee: the runner saves it
/// only after every record before that offset was acknowledged by Kafka (or applied durably),
/// so a rerun with the same file neither skips a record nor, beyond the last unsaved stretch,
/// repeats one.
/// </summary>
public sealed class ReplayCheckpoint
{
    private readonly Dictionary<string, long> _next;
    private readonly string? _path;

    private ReplayCheckpoint(string? path, Dictionary<string, long> next)
    {
        _path = path;
        _next = next;
    }

    /// <summary>Loads <paramref name="path"/> (or starts empty when it does not exist; null = no file).</summary>
    public static ReplayCheckpoint Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return new ReplayCheckpoint(path, new Dictionary<string, long>(StringComparer.Ordinal));
        }

        try
        {
            var read = JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(path)) ?? [];
            return new ReplayCheckpoint(path, new Dictionary<string, long>(read, StringComparer.Ordinal));
        }
        catch (JsonException ex)
        {
            throw new ReplayException(ReplayExitCode.BadInput, $"The checkpoint file {path} is not a replay checkpoint: {ex.Message}");
        }
    }

    /// <summary>The saved next offset of <paramref name="partition"/>, if any.</summary>
    public long? NextOffset(TopicPartition partition) => _next.TryGetValue(KeyOf(partition), out var next) ? next : null;

    /// <summary>Records that everything before <paramref name="next"/> is done (in memory; <see cref="Save"/> writes it).</summary>
    public void Advance(TopicPartition partition, long next) => _next[KeyOf(partition)] = next;

    /// <summary>Writes the file atomically (temp file, then rename), so a crash leaves the old or the new one, never half.</summary>
    public void Save()
    {
        if (_path is null)
        {
            return;
        }

        var temp = _path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(_next));
        File.Move(temp, _path, overwrite: true);
    }

    private static string KeyOf(TopicPartition partition) =>
        partition.Topic + "/" + partition.Partition.Value.ToString(CultureInfo.InvariantCulture);
}
