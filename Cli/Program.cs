using PosterGen.Cli;
using PosterGen.Cli.Commands;
using Spectre.Console.Cli;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops waiting cleanly; the job itself keeps running on the service.
    e.Cancel = true;
    stop.Cancel();
};

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("postergen");
    config.SetExceptionHandler((exception, _) => ExitCodes.Report(exception));
    config.AddBranch("templates", templates =>
    {
        templates.SetDescription("Manage templates.");
        templates.AddCommand<UploadTemplateCommand>("upload").WithDescription("Upload an HTML file as a template (a new version if the section has one).");
    });
    config.AddCommand<BatchCommand>("batch").WithDescription("Submit a CSV or JSON batch; --wait follows it, --out downloads its posters.");
    config.AddBranch("jobs", jobs =>
    {
        jobs.SetDescription("Inspect and steer jobs.");
        jobs.AddCommand<ListJobsCommand>("list").WithDescription("The most recent jobs.");
        jobs.AddCommand<ShowJobCommand>("show").WithDescription("A job's status, counts and failed items.");
        jobs.AddCommand<CancelJobCommand>("cancel").WithDescription("Cancel a job.");
        jobs.AddCommand<RetryFailedCommand>("retry-failed").WithDescription("Render a job's failed items again, as a new job.");
    });
});
return await app.RunAsync(args, stop.Token);
