namespace PosterGen.Persistence.Entities;

/// <summary>
/// A client's API key, by name. Only the key's SHA-256 is stored: the key itself is shown once, when it
/// is created, and cannot be read back from the table.
/// </summary>
public class ApiKey
{
    public int Id { get; set; }
    public string Name { get; set; } = null!;

    /// <summary>Whose templates and jobs the key reaches: its name unless made with <c>--tenant</c>; several keys may share one.</summary>
    public string Tenant { get; set; } = null!;

    /// <summary>Lower-case hex SHA-256 of the key. Keys are 256 random bits, so a plain hash cannot be guessed back.</summary>
    public string KeyHash { get; set; } = null!;

    /// <summary>The key's first characters, to tell keys apart in a list without revealing them.</summary>
    public string KeyPrefix { get; set; } = null!;

    public DateTime CreatedAt { get; set; }
}
