using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;

namespace PosterGen.Api.Auth;

/// <summary>Creates, lists, revokes and checks API keys; the table holds only their hashes.</summary>
public partial class ApiKeyStore(PosterGenDbContext db)
{
    private const string Prefix = "pg_";

    /// <summary>
    /// A new key named <paramref name="name"/> for <paramref name="tenant"/> (the name when null), returned
    /// this once; null when the name is taken.
    /// </summary>
    public async Task<string?> CreateAsync(string name, string? tenant, CancellationToken cancellationToken)
    {
        if (await db.ApiKeys.AnyAsync(k => k.Name == name, cancellationToken))
            return null;
        var key = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.ApiKeys.Add(new ApiKey { Name = name, Tenant = tenant ?? name, KeyHash = Hash(key), KeyPrefix = key[..10], CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(cancellationToken);

    /// <summary>Deletes the key: requests carrying it are refused from the next one on.</summary>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken) =>
        await db.ApiKeys.Where(k => k.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => db.ApiKeys.AnyAsync(cancellationToken);

    /// <summary>The name and tenant of the key <paramref name="key"/>, or null when it is no key of ours.</summary>
    public async Task<(string Name, string Tenant)?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        var found = await db.ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash).Select(k => new { k.Name, k.Tenant })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Name, found.Tenant);
    }

    /// <summary>Key and tenant names alike: plain enough for a psql <c>WHERE tenant = '...'</c>.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>Keys are 256 random bits: a fast hash is enough, nothing short of the key itself finds a match.</summary>
    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();
}
