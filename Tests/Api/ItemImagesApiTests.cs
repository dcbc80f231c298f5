using System.Text.Json;
using PosterGen.Tests.Support;
using ZXing;

namespace PosterGen.Tests.Api;

/// <summary>
/// Per-item images (a logo top-right, a profile picture bottom-left) as data URIs or allow-listed
/// URLs, and QR codes of per-item links; real SQLite and Chromium.
/// </summary>
public class ItemImagesApiTests() : EmbeddedServiceFixture(new Dictionary<string, string?>
{
    // Names a careless allow-list might hold: they resolve to loopback and must still never be fetched.
    ["Render:Images:AllowedHosts:0"] = "localhost",
    ["Render:Images:AllowedHosts:1"] = "127.0.0.1",
})
{
    /// <summary>The layout README shows: logo top-right, profile picture bottom-left, round with a white border.</summary>
    private const string Layout = """
        <html><head><style>
          body { margin: 0; width: 600px; height: 600px; background: #1d3557; position: relative; }
          .logo { position: absolute; top: 24px; right: 24px; width: 96px; height: 96px; object-fit: contain; }
          .profile { position: absolute; left: 24px; bottom: 24px; width: 160px; height: 160px;
                     border-radius: 50%; border: 6px solid #fff; object-fit: cover; }
        </style></head>
        <body><img class="logo" src="{{logo}}"><img class="profile" src="{{profile}}"><p>{{name}}</p></body></html>
        """;

    private static readonly (byte, byte, byte) Background = (0x1d, 0x35, 0x57);

    private LoopbackListener listener = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        listener = new LoopbackListener();
        await Client.UploadTemplateAsync("people", Layout, 600, 600);
    }

    [OneTimeTearDown]
    public async Task Stop() => await listener.DisposeAsync();

    [Test]
    public async Task A_data_uri_logo_is_drawn_top_right_and_a_profile_picture_bottom_left_round_with_a_white_border()
    {
        var poster = await GenerateAsync("people", new
        {
            name = "Ada",
            logo = Png.DataUri(Png.Solid(10, 10, 230, 30, 30)),
            profile = Png.DataUri(Png.Solid(10, 10, 30, 200, 60)),
        });

        Assert.Multiple(() =>
        {
            Assert.That(poster.IsNear(528, 72, (230, 30, 30)), Is.True, $"logo top-right: {poster.Pixel(528, 72)}");
            Assert.That(poster.IsNear(72, 72, Background), Is.True, $"nothing top-left: {poster.Pixel(72, 72)}");
            // The profile box spans x 24-196, y 404-576 with its border; its circle is centred at (110, 490).
            Assert.That(poster.IsNear(110, 490, (30, 200, 60)), Is.True, $"profile bottom-left: {poster.Pixel(110, 490)}");
            Assert.That(poster.IsNear(27, 490, (255, 255, 255), 40), Is.True, $"white border on its left edge: {poster.Pixel(27, 490)}");
            Assert.That(poster.IsNear(110, 574, (255, 255, 255), 40), Is.True, $"white border at its bottom: {poster.Pixel(110, 574)}");
            Assert.That(poster.IsNear(30, 410, Background), Is.True, $"round: the box's corner is background: {poster.Pixel(30, 410)}");
        });
    }

    [Test]
    public async Task A_value_shown_as_an_image_that_is_not_a_data_uri_or_an_allowed_url_is_refused_naming_the_item_and_field()
    {
        var ok = Png.DataUri(Png.Solid(1, 1, 0, 0, 0));
        var response = await Client.PostJsonAsync("/api/generate-batch", new
        {
            template_id = "people",
            items = new object[]
            {
                new { name = "fine", logo = ok, profile = ok },
                new { name = "remote", logo = "https://evil.example/logo.png", profile = ok },
                new { name = "script", logo = "javascript:alert(1)", profile = "file:///etc/passwd" },
                new { name = "html", logo = "data:text/html,<script>alert(1)</script>", profile = ok },
            },
        });

        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(400), text);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name),
            Is.EquivalentTo(new[] { "items[1].logo", "items[2].logo", "items[2].profile", "items[3].logo" }));
        Assert.That(errors.GetProperty("items[1].logo")[0].GetString(), Does.Contain("evil.example").And.Contain("Render:Images:AllowedHosts"));
    }

    [TestCase("localhost")]
    [TestCase("127.0.0.1")]
    public async Task An_allow_listed_host_on_loopback_is_never_fetched_and_the_poster_fails_with_the_reason(string host)
    {
        var before = listener.Connections;
        var response = await Client.PostJsonAsync("/api/generate", new
        {
            template_id = "people",
            custom_data = new { name = "Mallory", logo = $"https://{host}:{listener.Port}/logo.png", profile = Png.DataUri(Png.Solid(1, 1, 0, 0, 0)) },
        });
        await Task.Delay(300);

        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(422), text);
        Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), Does.Contain("not a public address"));
        Assert.That(listener.Connections - before, Is.Zero, "nothing connected to the loopback listener");
    }

    [Test]
    public async Task The_qr_helper_draws_a_code_that_reads_back_as_the_items_link()
    {
        var upload = await Client.PostJsonAsync("/api/templates", new
        {
            section = "qr",
            name = "QR",
            width = 480,
            height = 480,
            html_content = """<body style="margin:0;background:#fff"><img src="{{qr link}}" style="margin:40px;width:400px;height:400px"></body>""",
        });
        var placeholders = (await upload.ReadJsonAsync()).GetProperty("placeholders").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.That(placeholders, Is.EqualTo(new[] { "link" }), "the helper's argument is the placeholder, not 'qr'");

        const string link = "https://example.com/offers/42?ref=poster&lang=fr";
        var poster = await GenerateAsync("qr", new { link });

        var reader = new BarcodeReaderGeneric { Options = { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        var decoded = reader.Decode(new RGBLuminanceSource(poster.ToBgra32(), poster.Width, poster.Height, RGBLuminanceSource.BitmapFormat.BGRA32));
        Assert.That(decoded?.Text, Is.EqualTo(link));
    }

    private async Task<PngImage> GenerateAsync(string template, object data)
    {
        var response = await Client.PostJsonAsync("/api/generate", new { template_id = template, custom_data = data });
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return Png.Decode(await Client.GetByteArrayAsync((await response.ReadJsonAsync()).GetProperty("url").GetString()));
    }
}
