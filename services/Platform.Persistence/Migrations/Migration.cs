using System.Security.Cryptography;
using System.Text;

namespace Platform.Persistence.Migrations;

/// <summary>
/// One versioned schema change. Released migrations never change: the migrator stores each
/// one's checksum and refuses to start when a released script was edited.
/// </summary>
/// <param name="Id">Sortable, unique id such as <c>outbox-0001-create</c>.</param>
/// <param name="Sql">The script; it runs inside the migrator's transaction.</param>
public sealed record Migration(string Id, string Sql)
{
    /// <summary>SHA-256 of the script, hex.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}
