using System.Net.Http.Headers;
using System.Text.Json;
using PosterGen.Api.Templates;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Api;

/// <summary>Fonts and images uploaded with a template, served to its pages from storage; real SQLite and Chromium.</summary>
public class TemplateAssetsApiTests() : EmbeddedServiceFixture(new Dictionary<string, string?>
{
    ["TemplateAssets:MaxBytes"] = "1000000",
    ["TemplateAssets:MaxPerTemplate"] = "3",
})
{
    private const string Fonts = "/usr/share/fonts/truetype/dejavu";
    private static readonly (byte, byte, byte) Red = (220, 20, 20);
    private static readonly (byte, byte, byte) Blue = (20, 40, 220);

    [Test]
    public async Task An_uploaded_image_appears_in_the_poster_and_replacing_it_renders_again_instead_of_hitting_the_cache()
    {
        await Client.UploadTemplateAsync("asset-image", """
            <html><body style="margin:0;background:#fff">
            <img src="https://assets.postergen.invalid/square.png" style="position:absolute;left:50px;top:50px;width:100px;height:100px">
            <p style="position:absolute;left:200px;top:50px">{{name}}</p></body></html>
            """, 400, 200);

        var created = await PutAsync("asset-image", "square.png", Png.Solid(8, 8, 220, 20, 20));
        Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
        var asset = await created.ReadJsonAsync();
        Assert.That(asset.GetProperty("url").GetString(), Is.EqualTo("https://assets.postergen.invalid/square.png"));
        Assert.That(asset.GetProperty("content_type").GetString(), Is.EqualTo("image/png"));
        Assert.That(asset.GetProperty("sha256").GetString(), Has.Length.EqualTo(64));

        var (redPoster, firstHit) = await GenerateAsync("asset-image", new { name = "Ada" });
        Assert.That(redPoster.IsNear(100, 100, Red), Is.True, $"the image is drawn; found {redPoster.Pixel(100, 100)}");
        Assert.That(redPoster.IsNear(20, 20, (255, 255, 255)), Is.True, "and only where the template puts it");
        Assert.That(firstHit, Is.False);

        var replaced = await PutAsync("asset-image", "square.png", Png.Solid(8, 8, 20, 40, 220));
        Assert.That((int)replaced.StatusCode, Is.EqualTo(200), await replaced.Content.ReadAsStringAsync());
        var (bluePoster, secondHit) = await GenerateAsync("asset-image", new { name = "Ada" });

        Assert.That(secondHit, Is.False, "same template version and data, but a new asset: not the cached poster");
        Assert.That(bluePoster.IsNear(100, 100, Blue), Is.True, $"the new image is drawn; found {bluePoster.Pixel(100, 100)}");
        Assert.That((await GenerateAsync("asset-image", new { name = "Ada" })).CacheHit, Is.True, "unchanged, it is cached again");
    }

    [Test]
    public async Task An_uploaded_font_changes_the_glyphs_and_replacing_it_changes_them_again()
    {
        const string page = """
            <html><head><style>{0}
            body {{ margin:0; background:#fff }} p {{ margin:10px; font:48px {1}; color:#000 }}</style></head>
            <body><p>Hamburgefonstiv {{{{n}}}}</p></body></html>
            """;
        await Client.UploadTemplateAsync("asset-font", string.Format(page,
            "@font-face { font-family: Brand; src: url(https://assets.postergen.invalid/brand.ttf) format('truetype'); }", "Brand, monospace"), 600, 100);
        await Client.UploadTemplateAsync("no-font", string.Format(page, "", "monospace"), 600, 100);

        Assert.That((int)(await PutAsync("asset-font", "brand.ttf", await File.ReadAllBytesAsync($"{Fonts}/DejaVuSerif-Bold.ttf"))).StatusCode, Is.EqualTo(201));
        var serif = await GenerateAsync("asset-font", new { n = 1 });
        var fallback = await GenerateAsync("no-font", new { n = 1 });
        Assert.That((await PutAsync("asset-font", "brand.ttf", await File.ReadAllBytesAsync($"{Fonts}/DejaVuMathTeXGyre.ttf"))).IsSuccessStatusCode, Is.True);
        var math = await GenerateAsync("asset-font", new { n = 1 });

        Assert.That(Differing(serif.Image, fallback.Image), Is.GreaterThan(500), "the uploaded font is used, not the fallback");
        Assert.That(math.CacheHit, Is.False);
        Assert.That(Differing(math.Image, serif.Image), Is.GreaterThan(500), "the replaced font is used");
    }

    [Test]
    public async Task Assets_are_listed_and_deleted_and_a_template_using_a_missing_asset_is_refused_naming_it()
    {
        await Client.UploadTemplateAsync("asset-list", """<img src="https://assets.postergen.invalid/gone.png"><p>{{x}}</p>""", 200, 100);
        await PutAsync("asset-list", "gone.png", Png.Solid(2, 2, 1, 2, 3));
        await PutAsync("asset-list", "mark.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray());

        var listed = await (await Client.GetAsync("/api/templates/asset-list/assets")).ReadJsonAsync();
        Assert.That(listed.EnumerateArray().Select(a => a.GetProperty("name").GetString()), Is.EqualTo(new[] { "gone.png", "mark.svg" }));
        Assert.That(listed[1].GetProperty("content_type").GetString(), Is.EqualTo("image/svg+xml"));

        Assert.That((int)(await Client.DeleteAsync("/api/templates/asset-list/assets/gone.png")).StatusCode, Is.EqualTo(204));
        Assert.That((int)(await Client.DeleteAsync("/api/templates/asset-list/assets/gone.png")).StatusCode, Is.EqualTo(404));

        var response = await Client.PostJsonAsync("/api/generate", new { template_id = "asset-list", custom_data = new { x = 1 } });
        Assert.That((int)response.StatusCode, Is.EqualTo(422), await response.Content.ReadAsStringAsync());
        Assert.That((await response.ReadJsonAsync()).GetProperty("detail").GetString(), Does.Contain("asset 'gone.png'"));

        // A batch would fail every item the same way: it is refused before anything is queued.
        var batch = await Client.PostJsonAsync("/api/generate-batch", new { template_id = "asset-list", items = new[] { new { x = 1 }, new { x = 2 } } });
        var problem = await batch.Content.ReadAsStringAsync();
        Assert.That((int)batch.StatusCode, Is.EqualTo(422), problem);
        Assert.That(batch.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem, Does.Contain("asset 'gone.png'").And.Contain("PUT /api/templates/asset-list/assets/"));
    }

    [Test]
    public async Task Uploads_of_the_wrong_type_disguised_content_too_large_or_too_many_are_refused_with_the_field()
    {
        await Client.UploadTemplateAsync("asset-limits", "<p>{{x}}</p>", 100, 100);

        await AssertRefusedAsync(await PutAsync("asset-limits", "page.html", "<html></html>"u8.ToArray()), "name", "woff2");
        await AssertRefusedAsync(await PutAsync("asset-limits", ".hidden.png", Png.Solid(1, 1, 0, 0, 0)), "name", "letters");
        await AssertRefusedAsync(await PutAsync("asset-limits", "fake.woff2", Png.Solid(1, 1, 0, 0, 0)), "content", "not a woff2 file");
        await AssertRefusedAsync(await PutAsync("asset-limits", "empty.png", []), "content", "empty");
        await AssertRefusedAsync(await PutAsync("asset-limits", "big.png", new byte[1_000_001]), "content", "TemplateAssets:MaxBytes");

        for (var i = 0; i < 3; i++)
            Assert.That((int)(await PutAsync("asset-limits", $"a{i}.png", Png.Solid(1, 1, 0, 0, 0))).StatusCode, Is.EqualTo(201));
        await AssertRefusedAsync(await PutAsync("asset-limits", "a3.png", Png.Solid(1, 1, 0, 0, 0)), "name", "TemplateAssets:MaxPerTemplate");
        Assert.That((int)(await PutAsync("asset-limits", "a0.png", Png.Solid(2, 2, 0, 0, 0))).StatusCode, Is.EqualTo(200), "replacing one is fine");

        Assert.That((int)(await PutAsync("no-such-template", "a.png", Png.Solid(1, 1, 0, 0, 0))).StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task A_form_uploads_several_files_by_their_names_or_none_when_one_is_bad()
    {
        await Client.UploadTemplateAsync("asset-form", "<p>{{x}}</p>", 100, 100);

        using var bad = Form(("logo.png", Png.Solid(1, 1, 0, 0, 0)), ("brand.woff2", "not a font"u8.ToArray()));
        await AssertRefusedAsync(await Client.PostAsync("/api/templates/asset-form/assets", bad), "files[1].content", "not a woff2 file");
        Assert.That((await (await Client.GetAsync("/api/templates/asset-form/assets")).ReadJsonAsync()).GetArrayLength(), Is.Zero);

        using var good = Form(("logo.png", Png.Solid(1, 1, 0, 0, 0)), ("mark.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray()));
        var response = await Client.PostAsync("/api/templates/asset-form/assets", good);

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        Assert.That((await response.ReadJsonAsync()).EnumerateArray().Select(a => a.GetProperty("url").GetString()),
            Is.EqualTo(new[] { "https://assets.postergen.invalid/logo.png", "https://assets.postergen.invalid/mark.svg" }));
    }

    [Test]
    public async Task Simultaneous_first_uploads_of_one_name_all_succeed_and_exactly_one_creates_it()
    {
        await Client.UploadTemplateAsync("asset-race", "<p>{{x}}</p>", 100, 100);
        var contents = Enumerable.Range(1, 8).Select(i => Png.Solid(1, 1, (byte)i, 0, 0)).ToArray();

        var responses = await Task.WhenAll(contents.Select(content => PutAsync("asset-race", "logo.png", content)));

        var statuses = responses.Select(r => (int)r.StatusCode).ToArray();
        Assert.That(statuses, Is.All.AnyOf(200, 201), string.Join("\n", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))));
        Assert.That(statuses.Count(s => s == 201), Is.EqualTo(1), "the others replaced it");
        var listed = await (await Client.GetAsync("/api/templates/asset-race/assets")).ReadJsonAsync();
        Assert.That(listed.GetArrayLength(), Is.EqualTo(1));
        var uploaded = contents.Select(c => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(c)));
        Assert.That(uploaded, Does.Contain(listed[0].GetProperty("sha256").GetString()), "the name points at one of the uploads");
    }

    [Test]
    public async Task Asset_files_are_not_served_with_the_posters()
    {
        await Client.UploadTemplateAsync("asset-private", "<p>{{x}}</p>", 100, 100);
        await PutAsync("asset-private", "logo.png", Png.Solid(1, 1, 9, 9, 9));
        var stored = StoredFiles("asset-private");
        Assert.That(stored, Has.Length.EqualTo(1), "it is stored in the poster folder");

        var response = await Client.GetAsync($"/posters/{TemplateAssetStore.StoragePrefix}/asset-private/{Path.GetFileName(stored[0])}");

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task Replacing_or_deleting_an_asset_removes_its_old_bytes_from_storage()
    {
        await Client.UploadTemplateAsync("asset-cleanup", "<p>{{x}}</p>", 100, 100);
        await PutAsync("asset-cleanup", "logo.png", Png.Solid(1, 1, 1, 1, 1));
        await PutAsync("asset-cleanup", "mark.png", Png.Solid(1, 1, 1, 1, 1));
        var first = StoredFiles("asset-cleanup");
        Assert.That(first, Has.Length.EqualTo(2), "the same bytes under two names are two uploads");

        Assert.That((int)(await PutAsync("asset-cleanup", "logo.png", Png.Solid(1, 1, 2, 2, 2))).StatusCode, Is.EqualTo(200));
        var replaced = StoredFiles("asset-cleanup");
        Assert.That(replaced, Has.Length.EqualTo(2));
        Assert.That(replaced.Intersect(first).Count(), Is.EqualTo(1), "the replaced upload is gone, the other name's stays");

        Assert.That((int)(await Client.DeleteAsync("/api/templates/asset-cleanup/assets/logo.png")).StatusCode, Is.EqualTo(204));
        Assert.That((int)(await Client.DeleteAsync("/api/templates/asset-cleanup/assets/mark.png")).StatusCode, Is.EqualTo(204));
        Assert.That(StoredFiles("asset-cleanup"), Is.Empty);
    }

    [Test]
    public async Task A_poster_whose_asset_is_replaced_while_it_renders_is_rendered_again_with_the_new_bytes()
    {
        // The script holds the page for 3 s before it asks for the asset: long enough to replace it
        // (and delete the bytes this render looked up) in between.
        await Client.UploadTemplateAsync("asset-swap", """
            <html><body style="margin:0"><script>
              const until = Date.now() + 3000; while (Date.now() < until) {}
              const image = document.createElement('img');
              image.src = 'https://assets.postergen.invalid/fill.png';
              image.style = 'width:100px;height:100px';
              document.body.appendChild(image);
            </script><p>{{n}}</p></body></html>
            """, 100, 150);
        await PutAsync("asset-swap", "fill.png", Png.Solid(4, 4, 220, 20, 20));
        var submitted = await Client.PostJsonAsync("/api/generate-batch", new { template_id = "asset-swap", items = new[] { new { n = "swap" } } });
        Assert.That((int)submitted.StatusCode, Is.EqualTo(202), await submitted.Content.ReadAsStringAsync());

        var statusEndpoint = (await submitted.ReadJsonAsync()).GetProperty("status_endpoint").GetString()!;

        // Processing: the item is on the queue, and an idle worker has looked its assets up at once.
        while ((await Client.JobStatusAsync(statusEndpoint)).GetProperty("status").GetString() is "pending" or "queued")
            await Task.Delay(50);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.That((int)(await PutAsync("asset-swap", "fill.png", Png.Solid(4, 4, 20, 40, 220))).StatusCode, Is.EqualTo(200));
        var status = await Client.WaitForJobAsync(statusEndpoint);

        var result = status.GetProperty("results")[0];
        Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("completed"), result.ToString());
        Assert.That(result.GetProperty("attempts").GetInt32(), Is.EqualTo(2), "the first attempt found its bytes gone");
        var poster = Png.Decode(await Client.GetByteArrayAsync(result.GetProperty("url").GetString()));
        Assert.That(poster.IsNear(50, 50, Blue), Is.True, $"drawn with the new bytes; found {poster.Pixel(50, 50)}");
        Assert.That(StoredFiles("asset-swap"), Has.Length.EqualTo(1), "only the new upload is stored");
    }

    private string[] StoredFiles(string template)
    {
        var folder = Path.Combine(Factory.Directory, "posters", TemplateAssetStore.StoragePrefix, template);
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    private Task<HttpResponseMessage> PutAsync(string template, string name, byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return Client.PutAsync($"/api/templates/{template}/assets/{name}", body);
    }

    private static MultipartFormDataContent Form(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
            form.Add(new ByteArrayContent(content), "files", name);
        return form;
    }

    private async Task<(PngImage Image, bool CacheHit)> GenerateAsync(string template, object data)
    {
        var response = await Client.PostJsonAsync("/api/generate", new { template_id = template, custom_data = data });
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        var png = await Client.GetByteArrayAsync(body.GetProperty("url").GetString());
        return (Png.Decode(png), body.GetProperty("cache_hit").GetBoolean());
    }

    private static int Differing(PngImage a, PngImage b) => a.Pixels.Zip(b.Pixels).Count(pair => pair.First != pair.Second);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string message)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(400), text);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.That(errors.TryGetProperty(field, out var messages), Is.True, text);
        Assert.That(messages[0].GetString(), Does.Contain(message));
    }
}
