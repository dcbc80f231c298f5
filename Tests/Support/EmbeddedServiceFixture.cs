namespace PosterGen.Tests.Support;

/// <summary>
/// A fixture whose tests share one service in its embedded default (<see cref="PosterGenFactory"/>,
/// with the settings the fixture names) and a client for it. A fixture's own one-time set-up runs
/// after this one's, so it can already upload templates. <paramref name="overKestrel"/> serves it on a
/// loopback port instead of the in-memory test server, for what only a real server does (body size limits).
/// Tests start once the service is ready.
/// </summary>
public abstract class EmbeddedServiceFixture(IDictionary<string, string?>? settings = null, bool overKestrel = false)
{
    protected PosterGenFactory Factory { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartService()
    {
        Factory = new PosterGenFactory(settings);
        if (overKestrel) Factory.UseKestrel(0);
        Client = Factory.CreateClient();
        using var ready = await Readiness.WaitAsync(Client);
        Assert.That(ready.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());
    }

    [OneTimeTearDown]
    public void StopService()
    {
        Client.Dispose();
        Factory.Dispose();
    }
}
