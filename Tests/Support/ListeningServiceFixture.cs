using System.Net;
using System.Net.Sockets;

namespace PosterGen.Tests.Support;

/// <summary>
/// The embedded service (<see cref="PosterGenFactory"/>) on a real loopback port, for clients in
/// another process or a browser: the CLI, the dashboard in Chromium. Tests start once it is ready.
/// </summary>
public abstract class ListeningServiceFixture(IDictionary<string, string?>? settings = null)
{
    protected PosterGenFactory Factory { get; private set; } = null!;
    protected Uri BaseAddress { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartService()
    {
        var port = FreePort();
        Factory = new PosterGenFactory(settings);
        Factory.UseKestrel(port);
        Factory.StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var ready = await Readiness.WaitAsync(Client);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());
    }

    [OneTimeTearDown]
    public void StopService()
    {
        Client.Dispose();
        Factory.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
