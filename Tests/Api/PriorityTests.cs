using System.Text.Json;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Api;

/// <summary>Priorities in the embedded queue: 1 goes first, a big low-priority batch does not hold it up.</summary>
public class PriorityTests() : EmbeddedServiceFixture(new Dictionary<string, string?>
{
    // One worker on one page, so the order work leaves the queue is the order it is done.
    ["Render:Concurrency"] = "1",
    ["RenderQueue:WorkerCount"] = "1",
})
{
    [OneTimeSetUp]
    public async Task UploadTemplate() => await Client.UploadTemplateAsync("priority", "<div style=\"font:24px DejaVu Sans\">{{n}}</div>", 200, 100);

    [Test]
    public async Task A_small_priority_1_batch_submitted_behind_a_large_priority_10_batch_finishes_first()
    {
        var large = await SubmitAsync(items: 40, priority: 10);
        var small = await SubmitAsync(items: 3, priority: 1);

        var smallDone = await Client.WaitForJobAsync(small);
        var largeWhenSmallFinished = await Client.JobStatusAsync(large);
        var largeDone = await Client.WaitForJobAsync(large);

        Assert.That(largeWhenSmallFinished.GetProperty("processed_items").GetInt32(), Is.LessThan(40),
            "the large batch was still rendering when the small one had finished");
        Assert.That(smallDone.GetProperty("completed_at").GetDateTime(), Is.LessThan(largeDone.GetProperty("completed_at").GetDateTime()));
        Assert.That(largeDone.GetProperty("success_count").GetInt32(), Is.EqualTo(40));
    }

    private async Task<string> SubmitAsync(int items, int priority)
    {
        var response = await Client.PostJsonAsync("/api/generate-batch", new
        {
            template_id = "priority",
            items = Enumerable.Range(0, items).Select(i => new { n = $"p{priority} #{i}" }),
            options = new { priority },
        });
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("status_endpoint").GetString()!;
    }
}
