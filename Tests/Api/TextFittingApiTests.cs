using PosterGen.Tests.Support;

namespace PosterGen.Tests.Api;

/// <summary>A poster whose <c>data-fit</c> text still overflows says so, synchronously and in its job's results, cache hit or not.</summary>
public class TextFittingApiTests : EmbeddedServiceFixture
{
    private static readonly string[] Overflow = ["text_overflow: #headline"];

    [OneTimeSetUp]
    public async Task UploadTemplate() => await Client.UploadTemplateAsync("headline", Fixtures.FittedHeadlineHtml, 400, 300);

    [Test]
    public async Task A_poster_whose_text_overflows_carries_the_warning_in_the_generate_response_and_the_job_results()
    {
        var fits = await GenerateAsync(new { template_id = "headline", custom_data = new { headline = "Everything in the shop must go before the summer ends" } });
        var overflows = await GenerateAsync(new { template_id = "headline", custom_data = new { entity_id = "cached", headline = Fixtures.UnfittableHeadline } });

        Assert.That(Warnings(fits), Is.Empty);
        Assert.That(Warnings(overflows), Is.EqualTo(Overflow));
        Assert.That(Png.Size(await Client.GetByteArrayAsync(overflows.GetProperty("url").GetString())), Is.EqualTo((400, 300)),
            "a poster that overflows is still rendered");

        var items = new object[]
        {
            new { entity_id = "cached", headline = Fixtures.UnfittableHeadline },
            new { entity_id = "short", headline = "Sale" },
            new { entity_id = "new", headline = Fixtures.UnfittableHeadline + " again" },
        };
        var accepted = await Client.PostJsonAsync("/api/generate-batch", new { template_id = "headline", items });
        Assert.That((int)accepted.StatusCode, Is.EqualTo(202), await accepted.Content.ReadAsStringAsync());
        var statusEndpoint = (await accepted.ReadJsonAsync()).GetProperty("status_endpoint").GetString()!;
        await Client.WaitForJobAsync(statusEndpoint);

        var results = (await (await Client.GetAsync(statusEndpoint)).ReadJsonAsync()).GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("entity_id").GetString()!);
        Assert.That(results.Values.Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("completed"));
        Assert.That(results["cached"].GetProperty("cache_hit").GetBoolean(), Is.True, "the same poster as the sync one");
        Assert.That(Warnings(results["cached"]), Is.EqualTo(Overflow), "a cache hit carries the warnings of its render");
        Assert.That(Warnings(results["short"]), Is.Empty);
        Assert.That(Warnings(results["new"]), Is.EqualTo(Overflow));
    }

    private async Task<System.Text.Json.JsonElement> GenerateAsync(object request)
    {
        var response = await Client.PostJsonAsync("/api/generate", request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static IEnumerable<string?> Warnings(System.Text.Json.JsonElement json) =>
        json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
}
