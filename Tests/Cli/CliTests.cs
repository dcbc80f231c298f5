using System.Net.Http.Headers;
using System.Text;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Cli;

/// <summary>
/// The postergen CLI as a marketing person runs it: its own process against the service on a real
/// port, output to a pipe (so plain progress lines), real Chromium behind it.
/// </summary>
public class CliTests : ListeningServiceFixture
{
    private string work = null!;
    private Dictionary<string, string> environment = null!;

    [OneTimeSetUp]
    public async Task UploadTemplate()
    {
        work = Path.Combine(Factory.Directory, "cli");
        Directory.CreateDirectory(work);
        environment = new() { ["POSTERGEN_API"] = BaseAddress.ToString() };

        var html = Path.Combine(work, "poster.html");
        await File.WriteAllTextAsync(html, """
            <html><body style="margin:0;background:#264653;color:#fff;font:28px DejaVu Sans">
            <img src="https://assets.postergen.invalid/{{asset}}" style="width:40px;height:40px"><p>{{name}}</p></body></html>
            """);
        var upload = await CliProcess.RunAsync(environment, "templates", "upload", "--section", "cli", "--name", "CLI poster", "--file", html, "--width", "300", "--height", "200");
        Assert.That(upload.ExitCode, Is.Zero, upload.ToString());
        Assert.That(upload.Output, Does.Contain("cli version 1").And.Contain("asset").And.Contain("name"));

        var logo = new ByteArrayContent(Png.Solid(2, 2, 200, 0, 0));
        logo.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.That((int)(await Client.PutAsync("/api/templates/cli/assets/logo.png", logo)).StatusCode, Is.EqualTo(201));
    }

    [Test]
    public async Task A_20_row_csv_with_wait_and_out_exits_0_with_20_posters_in_the_folder()
    {
        var csv = await WriteCsvAsync("twenty.csv", Enumerable.Range(1, 20).Select(i => $"row-{i},Customer {i},logo.png"));
        var folder = Path.Combine(work, "twenty");

        var run = await CliProcess.RunAsync(environment, "batch", "--template", "cli", "--csv", csv, "--wait", "--out", folder);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList();
        Assert.That(files, Has.Count.EqualTo(20), run.ToString());
        Assert.That(files[0], Is.EqualTo("00000-row-1.png"));
        Assert.That(files, Has.All.Matches<string>(f => Png.Size(File.ReadAllBytes(Path.Combine(folder, f))) == (300, 200)));
        Assert.That(run.Output, Does.Contain("20/20 (100%), 20 rendered, 0 failed").And.Contain("completed"));
        Assert.That(run.Output, Does.Contain($"20 posters in {folder}"));
    }

    [Test]
    public async Task A_batch_with_a_row_that_fails_exits_3_naming_the_item_and_its_reason_and_downloads_the_rest()
    {
        var csv = await WriteCsvAsync("one-fails.csv", ["a,Ada,logo.png", "b,Bob,missing.png", "c,Cy,logo.png", "d,Di,logo.png"]);
        var folder = Path.Combine(work, "one-fails");

        var run = await CliProcess.RunAsync(environment, "batch", "--template", "cli", "--csv", csv, "--wait", "--out", folder);

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Errors, Does.Contain("item 1 (b):").And.Contain("asset 'missing.png'"));
        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "00000-a.png", "00002-c.png", "00003-d.png" }));
    }

    [Test]
    public async Task A_json_batch_without_wait_prints_the_job_id_which_jobs_show_and_list_then_know()
    {
        var json = Path.Combine(work, "items.json");
        await File.WriteAllTextAsync(json, """[{"entity_id": "j1", "name": "Jo", "asset": "logo.png"}]""");

        var submit = await CliProcess.RunAsync(environment, "batch", "--template", "cli", "--json", json);
        Assert.That(submit.ExitCode, Is.Zero, submit.ToString());
        var jobId = Guid.Parse(submit.Output.Trim());
        await Client.WaitForJobAsync($"/api/jobs/{jobId}");

        var show = await CliProcess.RunAsync(environment, "jobs", "show", jobId.ToString());
        Assert.That(show.ExitCode, Is.Zero, show.ToString());
        Assert.That(show.Output, Does.Contain("completed").And.Contain("cli"));
        var list = await CliProcess.RunAsync(environment, "jobs", "list");
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        Assert.That(list.Output, Does.Contain(jobId.ToString()));
    }

    [Test]
    public async Task A_refused_request_exits_1_with_one_line_naming_the_reason()
    {
        var csv = await WriteCsvAsync("unknown.csv", ["a,Ada,logo.png"]);

        var unknownTemplate = await CliProcess.RunAsync(environment, "batch", "--template", "no-such-template", "--csv", csv, "--wait");
        var unknownJob = await CliProcess.RunAsync(environment, "jobs", "cancel", Guid.NewGuid().ToString());
        var noService = await CliProcess.RunAsync(new Dictionary<string, string>(), "jobs", "list", "--api", "http://127.0.0.1:1");

        Assert.That(unknownTemplate.ExitCode, Is.EqualTo(1), unknownTemplate.ToString());
        Assert.That(unknownTemplate.Errors.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(unknownTemplate.Errors, Does.StartWith("postergen: POST /api/generate-batch/csv: 404").And.Contain("no-such-template"));
        Assert.That(unknownJob.ExitCode, Is.EqualTo(1), unknownJob.ToString());
        Assert.That(unknownJob.Errors, Does.StartWith("postergen: POST /api/jobs/").And.Contain("404"));
        Assert.That(noService.ExitCode, Is.EqualTo(1), noService.ToString());
        Assert.That(noService.Errors, Does.StartWith("postergen: cannot reach the service"));
    }

    private async Task<string> WriteCsvAsync(string name, IEnumerable<string> rows)
    {
        var path = Path.Combine(work, name);
        await File.WriteAllTextAsync(path, "entity_id,name,asset\n" + string.Join('\n', rows) + "\n", Encoding.UTF8);
        return path;
    }
}
