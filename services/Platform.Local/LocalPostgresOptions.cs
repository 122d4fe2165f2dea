namespace Platform.Local;

/// <summary>How to start a local PostgreSQL cluster.</summary>
public sealed record LocalPostgresOptions
{
    /// <summary>Data folder. Null: a throwaway folder under the temp directory, deleted on dispose.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>TCP port on 127.0.0.1. Zero picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Trade durability against the OS crashing for speed (fsync, full_page_writes off). A crash of
    /// the server process itself still loses nothing committed; tests use this, runs do not.
    /// </summary>
    public bool Fast { get; init; }

    /// <summary>Replication slots and WAL senders, enough for tests that each own a slot.</summary>
    public int MaxReplicationSlots { get; init; } = 64;

    /// <summary>Maximum client connections.</summary>
    public int MaxConnections { get; init; } = 300;

    /// <summary>
    /// The server settings these options stand for (name, value), the same wherever the server
    /// runs: <c>wal_level=logical</c> so the CDC relay can stream, slots and WAL senders for
    /// tests that each own a slot, and with <see cref="Fast"/> no flushes to disk.
    /// </summary>
    public IReadOnlyList<(string Name, string Value)> ServerSettings()
    {
        var count = MaxReplicationSlots.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var settings = new List<(string, string)>
        {
            ("wal_level", "logical"),
            ("max_replication_slots", count),
            ("max_wal_senders", count),
            ("max_connections", MaxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("shared_buffers", "256MB"),
        };
        if (Fast)
        {
            settings.AddRange([("fsync", "off"), ("full_page_writes", "off"), ("synchronous_commit", "off")]);
        }

        return settings;
    }
}
