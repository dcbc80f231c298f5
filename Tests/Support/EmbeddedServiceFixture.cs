namespace PosterGen.Tests.Support;

/// <summary>
/// A fixture whose tests share one service in its embedded default (<see cref="PosterGenFactory"/>,
/// with the settings the fixture names) and a client for it. A fixture's own one-time set-up runs
/// after this one's, so it can already upload templates.
/// </summary>
public abstract class EmbeddedServiceFixture(IDictionary<string, string?>? settings = null)
{
    protected PosterGenFactory Factory { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartService()
    {
        Factory = new PosterGenFactory(settings);
        Client = Factory.CreateClient();
    }

    [OneTimeTearDown]
    public void StopService()
    {
        Client.Dispose();
        Factory.Dispose();
    }
}
