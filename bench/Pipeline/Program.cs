// End-to-end pipeline benchmarks: batches submitted over HTTP to running PosterGen servers,
// followed on their SSE streams to job_completed, measured in one run on this machine.
//   vs-bare <api> [posters] [pages]       the embedded pipeline next to a bare Playwright loop
//                                         rendering the same template with the same pages
//   compare <posters> <label>=<api> ...   the same batch through each server in turn; ratios are
//                                         to the first
using PosterGen.Bench.Pipeline;

var poster = new PosterFixture(Path.Combine(AppContext.BaseDirectory, "Fixtures"));
switch (args.ElementAtOrDefault(0))
{
    case "vs-bare":
        await VersusBareLoopAsync(new Uri(args[1]), int.Parse(args.ElementAtOrDefault(2) ?? "200"),
            int.Parse(args.ElementAtOrDefault(3) ?? Environment.ProcessorCount.ToString()));
        break;
    case "compare":
        await CompareAsync(int.Parse(args[1]), args.Skip(2).Select(a => a.Split('=', 2)).Select(p => (Label: p[0], Api: new Uri(p[1]))).ToList());
        break;
    default:
        Console.Error.WriteLine("usage: vs-bare <api> [posters] [pages] | compare <posters> <label>=<api> ...");
        return 2;
}
return 0;

async Task VersusBareLoopAsync(Uri api, int count, int pages)
{
    Console.WriteLine($"posters: {count}, pages: {pages}, cores: {Environment.ProcessorCount}");
    var pipeline = await PipelineRun.RunAsync(api, poster, count);
    Console.WriteLine($"pipeline   : {count / pipeline.TotalSeconds,6:F2} posters/s ({pipeline.TotalSeconds:F1} s, submit to job_completed)");
    var bare = await BareLoop.RunAsync(poster, count, pages);
    Console.WriteLine($"bare loop  : {count / bare.TotalSeconds,6:F2} posters/s ({bare.TotalSeconds:F1} s, Playwright SetContent + ScreenshotAsync)");
    Console.WriteLine($"ratio      : {bare.TotalSeconds / pipeline.TotalSeconds:F2}x of the bare loop");
}

async Task CompareAsync(int count, List<(string Label, Uri Api)> servers)
{
    Console.WriteLine($"posters: {count}, cores: {Environment.ProcessorCount}");
    TimeSpan? first = null;
    foreach (var (label, api) in servers)
    {
        var elapsed = await PipelineRun.RunAsync(api, poster, count);
        first ??= elapsed;
        Console.WriteLine($"{label,-12}: {count / elapsed.TotalSeconds,6:F2} posters/s ({elapsed.TotalSeconds:F1} s, submit to job_completed; " +
                          $"{elapsed / first.Value:F2}x the time of {servers[0].Label})");
    }
}
