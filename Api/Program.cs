using PosterGen.Api.Apis;
using PosterGen.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddPosterGen();

var app = builder.Build();
await app.Services.PrepareAsync();

app.UsePosterGenDefaults();
app.MapTemplatesApi();
app.MapGenerationApi();
app.MapJobsApi();
app.MapJobStreamApi();
app.MapPosterFiles();
app.MapHealth();

app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
