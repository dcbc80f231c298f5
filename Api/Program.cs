using PosterGen.Api.Apis;
using PosterGen.Api.Auth;
using PosterGen.Api.Dashboard;
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
if (args is ["keys", .. var command])
{
    await app.Services.PrepareAsync();
    Environment.ExitCode = await ApiKeyCommands.RunAsync(app.Services, command, Console.Out, Console.Error);
    return;
}
await app.Services.PrepareAsync();
await app.Services.LogAccessAsync();

app.UsePosterGenDefaults();
app.UseDashboard();
app.MapTemplatesApi();
app.MapTemplateAssetsApi();
app.MapGenerationApi();
app.MapJobsApi();
app.MapJobStreamApi();
app.MapDownloadsApi();
app.MapBulkApi();
app.MapJobLogsApi();
app.MapWebhooksApi();
app.MapPosterFiles();
app.MapHealth();
app.MapApiDescription();
app.MapMetrics();

app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
