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
}
