using System.Security.Cryptography;
using System.Text;

namespace Orders.Api.Security;

/// <summary>Making and checking API keys; only their SHA-256 is ever configured or stored.</summary>
public static class ApiKeys
{
    /// <summary>Request header carrying the key.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>Authentication scheme name.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>A new random key: 32 bytes from the OS CSPRNG, base64url (43 characters).</summary>
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The configured form of <paramref name="key"/>: SHA-256 of its UTF-8 bytes, 64 lowercase hex digits.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>True when <paramref name="value"/> looks like <see cref="Hash"/>'s output.</summary>
    public static bool IsHash(string? value) => value is { Length: 64 } && value.All(Uri.IsHexDigit);

    /// <summary>The client whose configured hash matches <paramref name="key"/>, compared in constant time; null when none does.</summary>
    public static string? FindClient(IReadOnlyDictionary<string, string> hashes, string key) =>
        FindClient(hashes, SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The client whose configured hash is <paramref name="presented"/> (a key's SHA-256), compared in constant time; null when none does.</summary>
    public static string? FindClient(IReadOnlyDictionary<string, string> hashes, byte[] presented)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        string? match = null;
        foreach (var (client, hash) in hashes)
        {
            // Every entry is compared, so the time taken does not tell which one matched.
            if (CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(hash)))
            {
                match = client;
            }
        }

        return match;
    }
}
