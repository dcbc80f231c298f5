namespace PosterGen.Api.Auth;

/// <summary>
/// <c>PosterGen.Api keys create --name acme [--tenant acme]</c> (prints the new key, once), <c>keys list</c>,
/// <c>keys revoke --name acme</c>: run against the configured database, then exit. A key's tenant is its
/// name unless <c>--tenant</c> names another, so a tenant can hold a second key while the first is rotated out.
/// </summary>
public static class ApiKeyCommands
{
    private const string Usage = "usage: keys create --name <name> [--tenant <tenant>] | keys list | keys revoke --name <name>";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        using var scope = services.CreateScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var name = args is [_, "--name", var given, ..] ? given : null;
        var tenant = args is [_, "--name", _, "--tenant", var owner] ? owner : null;
        switch (args)
        {
            case ["create", "--name", _] or ["create", "--name", _, "--tenant", _] when !ApiKeyStore.IsValidName(name!):
                await errors.WriteLineAsync($"'{name}' is not a key name: use 1-64 lower-case letters, digits, '-' or '_'.");
                return 2;
            case ["create", "--name", _, "--tenant", _] when !ApiKeyStore.IsValidName(tenant!):
                await errors.WriteLineAsync($"'{tenant}' is not a tenant name: use 1-64 lower-case letters, digits, '-' or '_'.");
                return 2;
            case ["create", "--name", _] or ["create", "--name", _, "--tenant", _]:
                if (await keys.CreateAsync(name!, tenant, CancellationToken.None) is not { } key)
                {
                    await errors.WriteLineAsync($"A key named '{name}' exists already: revoke it first to replace it.");
                    return 1;
                }
                await output.WriteLineAsync($"Created API key '{name}' of tenant '{tenant ?? name}'. It is shown this once; only its hash is stored:");
                await output.WriteLineAsync(key);
                return 0;
            case ["list"]:
                foreach (var listed in await keys.ListAsync(CancellationToken.None))
                    await output.WriteLineAsync($"{listed.Name}\t{listed.KeyPrefix}...\ttenant {listed.Tenant}\tcreated {listed.CreatedAt:u}");
                return 0;
            case ["revoke", "--name", _]:
                if (await keys.RevokeAsync(name!, CancellationToken.None))
                {
                    await output.WriteLineAsync($"Revoked API key '{name}'.");
                    return 0;
                }
                await errors.WriteLineAsync($"There is no key named '{name}'.");
                return 1;
            default:
                await errors.WriteLineAsync(Usage);
                return 2;
        }
    }
}
