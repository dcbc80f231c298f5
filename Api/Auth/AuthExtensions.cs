using Microsoft.Extensions.Options;

namespace PosterGen.Api.Auth;

public static class AuthExtensions
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddScoped<ApiKeyStore>();
        return services;
    }

    /// <summary>Says at start whether the API is open, so an open service is never a surprise.</summary>
    public static async Task LogAccessAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("PosterGen.Api.Auth");
        var required = scope.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.Required;
        if (required || await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().AnyAsync(CancellationToken.None))
            logger.LogInformation("API keys are required on every /api route (Auth:Required is {Required}).", required);
        else
            logger.LogWarning("The API is open: no API key exists and Auth:Required is false. Create one with 'keys create --name <client>' to require keys.");
    }
}
