using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PosterGen.Tests.Distributed;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Api;

/// <summary>
/// Item images from an allow-listed https host on a public address: what the loopback tests refuse,
/// shown working. The service runs as its own process, in the embedded default, so that it can
/// trust the host's CA through <c>SSL_CERT_FILE</c>; the host runs in this one.
/// </summary>
[NonParallelizable]
public class AllowListedImageHostTests
{
    private const string Layout = """
        <html><head><style>
          body { margin: 0; width: 300px; height: 300px; background: #1d3557; position: relative; }
          .logo { position: absolute; top: 20px; right: 20px; width: 80px; height: 80px; }
          .profile { position: absolute; left: 20px; bottom: 20px; width: 80px; height: 80px; border-radius: 50%; }
        </style></head>
        <body><img class="logo" src="{{logo}}"><img class="profile" src="{{profile}}"><p>{{name}}</p></body></html>
        """;

    private static readonly (byte, byte, byte) Red = (230, 30, 30);
    private static readonly (byte, byte, byte) Green = (30, 200, 60);

    private PublicImageHost host = null!;
    private ServiceProcess service = null!;
    private HttpClient client = null!;
    private string directory = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        host = await PublicImageHost.StartAsync(routes =>
        {
            routes.MapGet("/logo.png", () => Results.Bytes(Png.Solid(10, 10, 230, 30, 30), "image/png"));
            routes.MapGet("/people/ada", () => Results.Redirect("/img/ada.png"));
            routes.MapGet("/img/ada.png", () => Results.Bytes(Png.Solid(10, 10, 30, 200, 60), "image/png"));
            routes.MapGet("/moved-away", () => Results.Redirect("https://cdn.example.net/logo.png"));
        });
        directory = Directory.CreateTempSubdirectory("postergen-image-hosts").FullName;
        service = await ServiceProcess.StartAsync("embedded", new Dictionary<string, string>
        {
            ["ConnectionStrings:Database"] = $"Data Source={Path.Combine(directory, "postergen.db")}",
            ["Storage:Local:Path"] = Path.Combine(directory, "posters"),
            ["Render:Concurrency"] = "1",
            ["Render:Images:AllowedHosts:0"] = PublicImageHost.Address,
            ["SSL_CERT_FILE"] = host.CaFile,
        });
        client = new HttpClient { BaseAddress = service.BaseAddress };
        await client.UploadTemplateAsync("hosted-images", Layout, 300, 300);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        client.Dispose();
        await service.DisposeAsync();
        await host.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task A_logo_on_an_allow_listed_host_is_fetched_once_and_drawn_on_every_poster()
    {
        var logo = new Uri(host.BaseAddress, "/logo.png").AbsoluteUri;

        foreach (var name in new[] { "Ada", "Grace", "Edsger" })
        {
            var poster = await GenerateAsync(new { name, logo, profile = Png.DataUri(Png.Solid(2, 2, 30, 200, 60)) });
            Assert.That(poster.IsNear(260, 60, Red), Is.True, $"the fetched logo is drawn top-right for {name}; found {poster.Pixel(260, 60)}");
        }

        Assert.That(host.Requests("/logo.png"), Is.EqualTo(1), "the render process keeps a fetched image for the next posters");
    }

    [Test]
    public async Task A_redirect_within_the_allowed_host_is_followed_and_one_to_another_host_is_refused()
    {
        var followed = await GenerateAsync(new
        {
            name = "Ada",
            logo = Png.DataUri(Png.Solid(2, 2, 230, 30, 30)),
            profile = new Uri(host.BaseAddress, "/people/ada").AbsoluteUri,
        });
        Assert.That(followed.IsNear(60, 240, Green), Is.True, $"the redirected profile picture is drawn bottom-left; found {followed.Pixel(60, 240)}");

        var refused = await client.PostJsonAsync("/api/generate", new
        {
            template_id = "hosted-images",
            custom_data = new { name = "Ada", logo = new Uri(host.BaseAddress, "/moved-away").AbsoluteUri, profile = Png.DataUri(Png.Solid(2, 2, 0, 0, 0)) },
        });
        var body = await refused.Content.ReadAsStringAsync();
        Assert.That((int)refused.StatusCode, Is.EqualTo(422), body);
        Assert.That(body, Does.Contain("redirects to cdn.example.net"));
    }

    private async Task<PngImage> GenerateAsync(object data)
    {
        var response = await client.PostJsonAsync("/api/generate", new { template_id = "hosted-images", custom_data = data });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{body}\n{service.Log}");
        var url = (await response.ReadJsonAsync()).GetProperty("url").GetString()!;
        return Png.Decode(await client.GetByteArrayAsync(url));
    }
}
