using PosterGen.Tests.Support;

namespace PosterGen.Tests.Api;

/// <summary>
/// <c>"dry_run": true</c> on a batch: each item's placeholder errors and render warnings, with no
/// poster stored and no job, item, result, log or outbox row written.
/// </summary>
public class DryRunApiTests : EmbeddedServiceFixture
{
    private static readonly string[] JobTables = ["batch_job_state", "batch_items", "poster_results", "job_logs", "outbox_messages"];

    [OneTimeSetUp]
    public async Task UploadTemplate() => await Client.UploadTemplateAsync("headline", Fixtures.FittedHeadlineHtml, 400, 300);

    [Test]
    public async Task A_dry_run_answers_each_items_warnings_and_errors_and_stores_nothing()
    {
        var before = await FootprintAsync();
        var items = new object[]
        {
            new { entity_id = "short", headline = "Sale" },
            new { entity_id = "long", headline = "Everything in the shop must go before the summer ends" },
            new { entity_id = "too-long", headline = Fixtures.UnfittableHeadline },
            new { entity_id = "missing" },
        };

        var response = await Client.PostJsonAsync("/api/generate-batch",
            new { template_id = "headline", items, dry_run = true, options = new { png_compression = "small" } });

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        Assert.That(body.GetProperty("dry_run").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("total_items").GetInt32(), Is.EqualTo(4));
        Assert.That(body.GetProperty("items_with_errors").GetInt32(), Is.EqualTo(1));
        Assert.That(body.GetProperty("items_with_warnings").GetInt32(), Is.EqualTo(1));
        var checkedItems = body.GetProperty("items").EnumerateArray().ToList();
        Assert.That(checkedItems.Select(i => i.GetProperty("entity_id").GetString()), Is.EqualTo(new[] { "short", "long", "too-long", "missing" }));
        Assert.That(checkedItems.Select(i => i.GetProperty("item_index").GetInt32()), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(checkedItems.Select(i => Strings(i, "warnings")), Is.EqualTo(new[] { [], [], ["text_overflow: #headline"], Array.Empty<string>() }));
        Assert.That(checkedItems.Take(3).SelectMany(i => Strings(i, "errors")), Is.Empty);
        Assert.That(Strings(checkedItems[3], "errors"), Has.Length.EqualTo(1).And.Some.StartsWith("items[3].headline: "));

        Assert.That(await FootprintAsync(), Is.EqualTo(before), "posters stored and rows per job table");
    }

    [Test]
    public async Task A_csv_dry_run_answers_each_rows_warnings_and_stores_nothing()
    {
        var before = await FootprintAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("headline"), "template_id" },
            { new StringContent("true"), "dry_run" },
            { new StringContent($"entity_id,headline\nfits,Sale\noverflows,{Fixtures.UnfittableHeadline}\n"), "file", "rows.csv" },
        };

        var response = await Client.PostAsync("/api/generate-batch/csv", form);

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        var checkedItems = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.That(checkedItems.Select(i => i.GetProperty("entity_id").GetString()), Is.EqualTo(new[] { "fits", "overflows" }));
        Assert.That(checkedItems.Select(i => Strings(i, "warnings")), Is.EqualTo(new[] { Array.Empty<string>(), ["text_overflow: #headline"] }));
        Assert.That(checkedItems.SelectMany(i => Strings(i, "errors")), Is.Empty);
        Assert.That(await FootprintAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_dry_run_of_more_items_than_it_checks_is_400_naming_items()
    {
        var items = Enumerable.Range(0, 101).Select(i => new { headline = "Sale" }).ToList();

        var response = await Client.PostJsonAsync("/api/generate-batch", new { template_id = "headline", items, dry_run = true });

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "items" }));
    }

    /// <summary>Files under the poster folder, then the row count of each job table.</summary>
    private async Task<List<long>> FootprintAsync()
    {
        var posters = Path.Combine(Factory.Directory, "posters");
        var footprint = new List<long> { Directory.Exists(posters) ? Directory.EnumerateFiles(posters, "*", SearchOption.AllDirectories).LongCount() : 0 };
        foreach (var table in JobTables)
            footprint.Add(await SqliteFile.ScalarAsync(Path.Combine(Factory.Directory, "postergen.db"), $"SELECT count(*) FROM {table}"));
        return footprint;
    }

    private static string[] Strings(System.Text.Json.JsonElement json, string property) =>
        json.GetProperty(property).EnumerateArray().Select(w => w.GetString()!).ToArray();
}
