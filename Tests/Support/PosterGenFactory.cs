using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PosterGen.Tests.Support;

/// <summary>
/// The whole service in its embedded default, in process: a SQLite file and a poster folder of its
/// own under a temporary directory, the in-memory bus, the in-process queue and real Chromium.
/// </summary>
public class PosterGenFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public PosterGenFactory(IDictionary<string, string?>? overrides = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "postergen-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = $"Data Source={Path.Combine(Directory, "postergen.db")}",
            ["Storage:Local:Path"] = Path.Combine(Directory, "posters"),
            ["Render:Concurrency"] = "2",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;
    }

    public string Directory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting, not ConfigureAppConfiguration: Program reads these while it registers
        // services, before configuration callbacks would run.
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { /* a file still open by a closing process; the temp folder is swept anyway */ }
        }
    }
}
