using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosterGen.Persistence;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Validation;

/// <summary>
/// Malformed and hostile requests across every route, against one service on Kestrel (real body
/// limits): each answer is a 4xx problem, none a 5xx, nothing is stored, and the service still serves.
/// </summary>
public class BadInputCorpusTests() : EmbeddedServiceFixture(new Dictionary<string, string?>
{
    ["PosterGen:MaxBatchBodyBytes"] = MaxBatchBodyBytes.ToString(),
    ["PosterGen:MaxBatchItems"] = "1000",
    ["TemplateAssets:MaxBytes"] = "65536",
}, overKestrel: true)
{
    private const int MaxBatchBodyBytes = 4 * 1024 * 1024;
    private (int Templates, int Versions, int Assets, int Jobs, int Items, int Results) before;

    [OneTimeSetUp]
    public async Task UploadTemplateAndCountRows()
    {
        await Client.UploadTemplateAsync("card", "<p>{{title}}</p>\n<p>{{subtitle}}</p>");
        before = await CountRowsAsync();
    }

    [Test, Order(1), TestCaseSource(typeof(BadInputCorpus), nameof(BadInputCorpus.Requests))]
    public async Task Is_answered_with_a_4xx_problem(BadInputCorpus.BadRequest bad)
    {
        using var request = bad.Make();
        if (request.Content?.Headers.ContentLength > 1024 * 1024)
            request.Headers.ExpectContinue = true; // as curl does: a body past the limit is refused before it is sent

        using var response = await Client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.InRange(400, 499), body);
        if (bad.Status is { } expected)
            Assert.That((int)response.StatusCode, Is.EqualTo(expected), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
    }

    [Test, Order(2)]
    public async Task Afterwards_nothing_was_stored_and_the_service_still_serves()
    {
        Assert.That(BadInputCorpus.Requests().Count(), Is.GreaterThanOrEqualTo(150));
        Assert.That(await CountRowsAsync(), Is.EqualTo(before));

        Assert.That((int)(await Client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(200));
        var accepted = await Client.PostJsonAsync("/api/generate-batch", new { template_id = "card", items = new[] { new { title = "a", subtitle = "b" } } });
        Assert.That((int)accepted.StatusCode, Is.EqualTo(202), await accepted.Content.ReadAsStringAsync());
        var status = await Client.WaitForJobAsync((await accepted.ReadJsonAsync()).GetProperty("status_endpoint").GetString()!);
        Assert.That(status.GetProperty("success_count").GetInt32(), Is.EqualTo(1));
    }

    private async Task<(int, int, int, int, int, int)> CountRowsAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PosterGenDbContext>();
        return (await db.Templates.CountAsync(), await db.TemplateVersions.CountAsync(), await db.TemplateAssets.CountAsync(),
            await db.BatchJobs.CountAsync(), await db.BatchItems.CountAsync(), await db.PosterResults.CountAsync());
    }
}
