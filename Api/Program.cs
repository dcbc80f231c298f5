using PosterGen.Api.Apis;
using PosterGen.Api.Extensions;
using PosterGen.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddPosterGen();

var app = builder.Build();
if (args is ["migrate", ..])
{
    // An explicit deployment step: bring the schema up to date, then exit.
    await app.Services.MigrateDatabaseAsync();
    return;
}
await app.Services.PrepareAsync();

app.UsePosterGenDefaults();
app.MapTemplatesApi();
app.MapTemplateAssetsApi();
app.MapGenerationApi();
app.MapJobsApi();
app.MapJobStreamApi();
app.MapPosterFiles();
app.MapHealth();
app.MapMetrics();

app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
