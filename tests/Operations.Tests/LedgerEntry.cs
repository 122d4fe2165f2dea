namespace Operations.Tests;

/// <summary>One applied event in a <see cref="LedgerContext"/>.</summary>
public sealed class LedgerEntry
{
    public long Position { get; set; }

    public Guid EventId { get; set; }

    public required string Topic { get; set; }

    public int Partition { get; set; }

    public long Offset { get; set; }
}
