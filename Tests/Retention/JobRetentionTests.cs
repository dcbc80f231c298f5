using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Logs;
using PosterGen.Consumers.Retention;
using PosterGen.Consumers.Storage;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;
using PosterGen.Persistence.Tenancy;
using PosterGen.Sagas.BatchJobs;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Retention;

/// <summary>
/// The retention sweep against a real database and real poster storage, with jobs rendered by real
/// Chromium and made old by moving their finished time back in the database; run on the embedded
/// default and on PostgreSQL + S3 by the fixtures that derive from it. Sweeps are run by the tests,
/// so each one has finished when its assertions start.
/// </summary>
public abstract class JobRetentionTests(IDictionary<string, string?>? settings = null) : EmbeddedServiceFixture(settings)
{
    private const string Html = "<div style=\"font:16px DejaVu Sans;background:#2a9d8f;color:#fff;height:48px\">{{n}}</div>";

    private static readonly string[] JobRoutes =
    [
        "/api/jobs/{0}", "/api/templates/job/{0}", "/api/batch/jobs/{0}", "/api/jobs/{0}/logs",
        "/api/jobs/{0}/archive", "/api/jobs/{0}/pdf", "/api/jobs/{0}/stream", "/api/templates/job/{0}/stream",
        "/api/batch/jobs/{0}/stream",
    ];

    [OneTimeSetUp]
    public async Task UploadTemplate() => await Client.UploadTemplateAsync("retention", Html, 96, 48);

    [Test]
    public async Task An_expired_job_goes_with_its_unshared_posters_and_keeps_the_poster_a_newer_job_shares()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var old = await RunJobAsync($"shared {run}", $"alone {run}");
        var newer = await RunJobAsync($"shared {run}");
        var (sharedKey, aloneKey) = (old.Keys[0], old.Keys[1]);
        Assert.That(newer.Keys[0], Is.EqualTo(sharedKey), "the same poster rendered twice is one object");
        await FinishedDaysAgoAsync(old.Id, 31);

        var swept = await SweeperWith(Factory.Services.GetRequiredService<IOptions<RetentionOptions>>().Value).SweepAsync(CancellationToken.None);

        Assert.That(swept.Jobs, Is.GreaterThanOrEqualTo(1));
        Assert.That(await RowsOfAsync(old.Id), Is.Zero, "items, results, logs and the saga row are gone");
        foreach (var route in JobRoutes)
        {
            using var response = await Client.GetAsync(string.Format(route, old.Id));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), route);
        }
        foreach (var route in new[] { "/api/jobs/{0}/cancel", "/api/jobs/{0}/retry-failed" })
        {
            using var response = await Client.PostAsync(string.Format(route, old.Id), null);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), route);
        }
        Assert.That(await Storage.FindAsync(aloneKey, CancellationToken.None), Is.Null, "the poster only the old job had");
        Assert.That(await Storage.ReadAsync(sharedKey, CancellationToken.None), Is.Not.Null, "the poster the newer job shares");

        var status = await (await Client.GetAsync($"/api/jobs/{newer.Id}")).ReadJsonAsync();
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(status.GetProperty("results")[0].GetProperty("status").GetString(), Is.EqualTo("completed"));
        using var zip = new ZipArchive(new MemoryStream(await Client.GetByteArrayAsync($"/api/jobs/{newer.Id}/archive")));
        var poster = zip.Entries.Single(e => e.FullName != "manifest.csv");
        await using var image = await poster.OpenAsync();
        using var bytes = new MemoryStream();
        await image.CopyToAsync(bytes);
        Assert.That(Png.Size(bytes.ToArray()), Is.EqualTo((96, 48)));
    }

    [Test]
    public async Task A_running_job_is_not_touched_however_old()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var job = await RunJobAsync($"running {run}");
        // Back in a running state, with every time long past but its deadline (or the deadline sweep would end it).
        await using (var db = await ContextAsync())
        {
            var longAgo = DateTime.UtcNow.AddDays(-400);
            await db.BatchJobs.Where(j => j.CorrelationId == job.Id).ExecuteUpdateAsync(set => set
                .SetProperty(j => j.CurrentState, nameof(BatchJobStateMachine.Rendering))
                .SetProperty(j => j.CreatedAt, longAgo)
                .SetProperty(j => j.CompletedAt, longAgo)
                .SetProperty(j => j.DeadlineAt, DateTime.UtcNow.AddDays(1)));
        }
        var rowsBefore = await RowsOfAsync(job.Id);

        await SweeperWith(new RetentionOptions { Days = 1 }).SweepAsync(CancellationToken.None);

        Assert.That(await RowsOfAsync(job.Id), Is.EqualTo(rowsBefore));
        Assert.That(await Storage.FindAsync(job.Keys[0], CancellationToken.None), Is.Not.Null);
        var status = await (await Client.GetAsync($"/api/jobs/{job.Id}")).ReadJsonAsync();
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("processing"));
    }

    [Test]
    public async Task With_Days_0_nothing_is_deleted_and_no_sweep_runs()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var job = await RunJobAsync($"kept {run}");
        // Finished ten years ago; the fixture's own sweeper (30 days) only runs hourly.
        await FinishedDaysAgoAsync(job.Id, 3650);
        var rowsBefore = await RowsOfAsync(job.Id);
        var keepsEverything = SweeperWith(new RetentionOptions { Days = 0, SweepSeconds = 1 });

        await keepsEverything.StartAsync(CancellationToken.None);
        var swept = await keepsEverything.SweepAsync(CancellationToken.None);

        // The background loop ends instead of waiting for its first tick.
        Assert.DoesNotThrowAsync(() => keepsEverything.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.That(swept, Is.EqualTo(new RetentionSweep(0, 0, 0)));
        Assert.That(await RowsOfAsync(job.Id), Is.EqualTo(rowsBefore));
        Assert.That(await Storage.FindAsync(job.Keys[0], CancellationToken.None), Is.Not.Null);
        Assert.That((await Client.GetAsync($"/api/jobs/{job.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await keepsEverything.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task A_job_of_more_rows_than_a_chunk_goes_whole_with_its_posters()
    {
        // Written directly, as a long-finished job of 2,500 items would have left them: three chunks
        // of items and of results, over three poster files only this job has.
        const int items = 2500;
        var job = Guid.NewGuid();
        var keys = Enumerable.Range(0, 3).Select(i => $"renders/retention-{job:N}-{i}.png").ToArray();
        foreach (var key in keys)
            await Storage.SaveAsync(key, Png.Solid(2, 2, 1, 2, 3), "image/png", CancellationToken.None);
        var finished = DateTime.UtcNow.AddDays(-40);
        await using (var db = await ContextAsync())
        {
            db.BatchJobs.Add(new BatchJobState
            {
                CorrelationId = job, Tenant = Tenants.Default, CurrentState = nameof(BatchJobStateMachine.Completed), TemplateKey = "retention", TemplateVersion = 1,
                TotalItems = items, SucceededCount = items, CreatedAt = finished.AddHours(-1), CompletedAt = finished, DeadlineAt = finished.AddDays(1),
            });
            db.BatchItems.AddRange(Enumerable.Range(0, items).Select(i => new BatchItem { JobId = job, ItemIndex = i, Data = "{}", State = BatchItemState.Done }));
            db.PosterResults.AddRange(Enumerable.Range(0, items).Select(i => new PosterResult
            {
                JobId = job, ItemIndex = i, Status = PosterStatus.Rendered, StorageKey = keys[i % 3], Url = $"/posters/{keys[i % 3]}", CreatedAt = finished,
            }));
            db.JobLogs.Add(new JobLog { JobId = job, Level = JobLogLevel.Info, Message = $"Processing {items} posters", CreatedAt = finished });
            await db.SaveChangesAsync();
        }

        var swept = await SweeperWith(Factory.Services.GetRequiredService<IOptions<RetentionOptions>>().Value).SweepAsync(CancellationToken.None);

        Assert.That(await RowsOfAsync(job), Is.Zero);
        foreach (var key in keys)
            Assert.That(await Storage.FindAsync(key, CancellationToken.None), Is.Null, key);
        Assert.That(swept.Items, Is.GreaterThanOrEqualTo(items));
        Assert.That(swept.Files, Is.GreaterThanOrEqualTo(keys.Length));
    }

    private IPosterStorage Storage => Factory.Services.GetRequiredService<IPosterStorage>();

    private JobRetentionSweeper SweeperWith(RetentionOptions options) =>
        ActivatorUtilities.CreateInstance<JobRetentionSweeper>(Factory.Services, Options.Create(options));

    private Task<PosterGenDbContext> ContextAsync() =>
        Factory.Services.GetRequiredService<IDbContextFactory<PosterGenDbContext>>().CreateDbContextAsync();

    /// <summary>Runs a job of one item per value; its id and its posters' storage keys in item order.</summary>
    private async Task<(Guid Id, List<string> Keys)> RunJobAsync(params string[] values)
    {
        var accepted = await Client.PostJsonAsync("/api/generate-batch", new
        {
            template_id = "retention",
            items = values.Select(n => new { n }),
        });
        Assert.That((int)accepted.StatusCode, Is.EqualTo(202), await accepted.Content.ReadAsStringAsync());
        var job = await accepted.ReadJsonAsync();
        var id = job.GetProperty("job_id").GetGuid();
        await Client.WaitForJobAsync(job.GetProperty("status_endpoint").GetString()!);

        await using var db = await ContextAsync();
        // The closing log line is written on its own after the job completes: the job's rows are all there once it is.
        await Eventually.HoldsAsync(() => db.JobLogs.AnyAsync(l => l.JobId == id && l.Message.StartsWith(JobCompletedLogConsumer.MessagePrefix)),
            TimeSpan.FromSeconds(30));
        var keys = await db.PosterResults.Where(r => r.JobId == id).OrderBy(r => r.ItemIndex).Select(r => r.StorageKey!).ToListAsync();
        Assert.That(keys, Has.Count.EqualTo(values.Length).And.All.Not.Null);
        return (id, keys);
    }

    private async Task FinishedDaysAgoAsync(Guid job, int days)
    {
        await using var db = await ContextAsync();
        var finished = DateTime.UtcNow.AddDays(-days);
        await db.BatchJobs.Where(j => j.CorrelationId == job)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.CompletedAt, finished).SetProperty(j => j.CreatedAt, finished.AddMinutes(-1)));
    }

    /// <summary>Every row of the job in every table that holds a job's rows.</summary>
    private async Task<int> RowsOfAsync(Guid job)
    {
        await using var db = await ContextAsync();
        return await db.BatchJobs.CountAsync(j => j.CorrelationId == job)
            + await db.BatchItems.CountAsync(i => i.JobId == job)
            + await db.PosterResults.CountAsync(r => r.JobId == job)
            + await db.JobLogs.CountAsync(l => l.JobId == job);
    }
}

/// <summary>The embedded default: SQLite and a local poster folder.</summary>
public class JobRetentionOnSqliteTests : JobRetentionTests;
