// Embedded pipeline benchmark: a 200-poster batch through a running PosterGen (HTTP in, SSE out),
// then, in the same run on the same machine, a bare Playwright loop rendering the same template
// with the same number of pages. Prints posters/second for both and their ratio.
using PosterGen.Bench.Pipeline;

var api = args.ElementAtOrDefault(0) ?? "http://127.0.0.1:18080";
var count = int.Parse(args.ElementAtOrDefault(1) ?? "200");
var pages = int.Parse(args.ElementAtOrDefault(2) ?? Environment.ProcessorCount.ToString());
var poster = new PosterFixture(Path.Combine(AppContext.BaseDirectory, "Fixtures"));

Console.WriteLine($"posters: {count}, pages: {pages}, cores: {Environment.ProcessorCount}");

var pipeline = await PipelineRun.RunAsync(new Uri(api), poster, count);
Console.WriteLine($"pipeline   : {count / pipeline.TotalSeconds,6:F2} posters/s ({pipeline.TotalSeconds:F1} s, submit to job_completed)");

var bare = await BareLoop.RunAsync(poster, count, pages);
Console.WriteLine($"bare loop  : {count / bare.TotalSeconds,6:F2} posters/s ({bare.TotalSeconds:F1} s, Playwright SetContent + ScreenshotAsync)");
Console.WriteLine($"ratio      : {bare.TotalSeconds / pipeline.TotalSeconds:F2}x of the bare loop");
