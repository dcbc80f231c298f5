using System.Net;

namespace PosterGen.Tests.Support;

/// <summary>
/// Waits for <c>/health/ready</c>: a service warms its browsers before it is ready, which takes
/// seconds on a loaded machine, so a test that needs a ready service asks for one instead of hoping.
/// </summary>
public static class Readiness
{
    public static async Task<HttpResponseMessage> WaitAsync(HttpClient client, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        var ready = await client.GetAsync("/health/ready");
        while (ready.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            ready.Dispose();
            await Task.Delay(100);
            ready = await client.GetAsync("/health/ready");
        }
        return ready;
    }
}
