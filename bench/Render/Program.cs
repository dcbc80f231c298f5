// Renderer benchmark, on this machine with the same Chromium, template and data. One part per run:
//   dotnet PosterGen.Bench.Render.dll <count> <html-out-dir> throughput <K>
//     the project's ChromiumPosterRenderer with K pages (on its default number of browsers, one per
//     core, at most K) beside a bare fast-capture CDP loop with K pages in one browser (the
//     reference) and, where the renderer uses more, in as many browsers; it also writes the filled
//     posters for the puppeteer-cluster comparison that bench/render.sh runs right after, at the same K;
//   dotnet PosterGen.Bench.Render.dll <count> <html-out-dir> compression <K>
//     options.png_compression small (the renderer, K pages) beside a bare loop with K pages whose
//     Chromium encodes with its default PNG settings (no optimizeForSpeed): bytes and posters/s;
//   dotnet PosterGen.Bench.Render.dll <count> <html-out-dir> latency [soak-renders]
//     single-poster latency for both, then optionally memory over a soak.
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PosterGen.Bench.Pipeline;
using PosterGen.Bench.Render;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Storage;
using PosterGen.Contracts;

var count = int.Parse(args[0]);
var htmlOut = args[1];
var part = args[2];

var fixture = new PosterFixture(Path.Combine(AppContext.BaseDirectory, "Fixtures"));
var template = new PosterTemplate("bench", 1, fixture.Html, null, 1080, 1080);
var data = Enumerable.Range(0, count).Select(i => JsonSerializer.SerializeToElement(fixture.Data(i))).ToArray();
var filled = Enumerable.Range(0, count).Select(fixture.Filled).ToArray();
Directory.CreateDirectory(htmlOut);
for (var i = 0; i < count; i++)
    await File.WriteAllTextAsync(Path.Combine(htmlOut, $"{i:D5}.html"), filled[i]);

// Every side renders this many first: launch, page creation and the JIT of the Playwright code
// they share are not charged to whichever runs first.
const int Warmup = 10;

if (part is "throughput" or "compression")
{
    var pages = int.Parse(args[3]);
    var browsers = Math.Min(pages, new RendererOptions().Browsers);
    var small = part == "compression";
    // Throughput: the renderer's fast capture against the bare fast-capture loop. Compression: its
    // small PNGs against the bare loop with Chromium's default (slower, smaller) PNG encoding.
    var options = small ? RenderOptions.Default with { PngCompression = PngCompression.Small } : RenderOptions.Default;
    await using var renderer = Renderer(pages);
    var sides = new List<(string Name, Func<int, int, Task<byte[]>> Render)>
    {
        ($"{(small ? "PosterGen small PNG" : "PosterGen renderer ")} K={pages} browsers={browsers}",
            async (_, i) => (await renderer.RenderAsync(template, data[i], options, CancellationToken.None)).Content),
    };
    var bareLoops = new List<FastCaptureLoop>();
    foreach (var bareBrowsers in new[] { 1, browsers }.Distinct())
    {
        var bare = await FastCaptureLoop.StartAsync(pages, bareBrowsers, optimizeForSpeed: !small);
        bareLoops.Add(bare);
        sides.Add(($"{(small ? "bare default PNG   " : "bare fast-capture  ")} K={pages} browsers={bareBrowsers}",
            (caller, i) => bare.RenderAsync(caller, filled[i])));
    }
    foreach (var side in sides)
        await Measure.ThroughputAsync(Warmup, pages, side.Render);

    // Two rounds in opposite orders (A B C, then C B A): a load that rises or falls over the
    // minute weighs on every side alike, and each side's figure is the mean of its two.
    var rounds = sides.ToDictionary(side => side.Name, _ => new List<Measure.Throughput>());
    foreach (var order in new[] { sides, Enumerable.Reverse(sides).ToList() })
        foreach (var side in order)
            rounds[side.Name].Add(await Measure.ThroughputAsync(count, pages, side.Render));
    foreach (var (name, _) in sides)
    {
        var measured = rounds[name];
        Report(name, new Measure.Throughput(measured.Average(m => m.PostersPerSecond), measured.Average(m => m.AverageKiB)));
        Console.WriteLine($"  rounds: {string.Join(", ", measured.Select(m => $"{m.PostersPerSecond:F2}"))} posters/s");
    }
    foreach (var bare in bareLoops)
        await bare.DisposeAsync();
    return;
}

const int LatencySamples = 40;
var soak = int.Parse(args.ElementAtOrDefault(3) ?? "0");
await using (var renderer = Renderer(Environment.ProcessorCount))
await using (var bare = await FastCaptureLoop.StartAsync(1))
{
    for (var i = 0; i < Warmup; i++)
    {
        await renderer.RenderAsync(template, data[i % count], RenderOptions.Default, CancellationToken.None);
        await bare.RenderAsync(0, filled[i % count]);
    }
    var (ours, baseline) = await Measure.LatencyAsync(LatencySamples,
        i => renderer.RenderAsync(template, data[i % count], RenderOptions.Default, CancellationToken.None),
        i => bare.RenderAsync(0, filled[i % count]));
    Console.WriteLine($"latency PosterGen renderer : p50 {ours.P50,6:F0} ms, p95 {ours.P95,6:F0} ms ({LatencySamples} posters one at a time, taking turns)");
    Console.WriteLine($"latency bare fast-capture  : p50 {baseline.P50,6:F0} ms, p95 {baseline.P95,6:F0} ms");
}

if (soak > 0)
{
    await using var renderer = Renderer(Environment.ProcessorCount);
    var step = Math.Max(1, soak / 6);
    await Measure.ThroughputAsync(soak, Environment.ProcessorCount, async (_, i) =>
    {
        var poster = await renderer.RenderAsync(template, data[i % count], RenderOptions.Default, CancellationToken.None);
        if ((i + 1) % step == 0)
        {
            var (self, driver, chromium) = Measure.ResidentMiB();
            Console.WriteLine($"soak {i + 1,6} renders: RSS this process {self,6:F0} MiB, Node processes {driver,4:F0} MiB, its Chromium processes {chromium,6:F0} MiB");
        }
        return poster.Content;
    });
}

static ChromiumPosterRenderer Renderer(int pages)
{
    // The benchmark's template has no assets and no remote images: nothing is ever read or fetched.
    var images = Options.Create(new ImageHostOptions());
    var requests = new RequestRouter(new RequestPolicy(images),
        new AssetCache(new LocalFolderStorage(Options.Create(new StorageOptions()))), new RemoteImageFetcher(images), new FabricLibrary());
    return new(Options.Create(new RendererOptions { Concurrency = pages }), Options.Create(new ChromiumOptions()),
        new TemplateCompiler(), new FabricCanvasFiller(), requests, NullLogger<ChromiumPosterRenderer>.Instance);
}

static void Report(string name, Measure.Throughput result) =>
    Console.WriteLine($"{name}: {result.PostersPerSecond,6:F2} posters/s, {result.AverageKiB,6:F0} KiB each");
