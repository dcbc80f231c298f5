using System.Net.Http.Headers;
using System.Text;

namespace PosterGen.Tests.Validation;

/// <summary>
/// The requests of <see cref="BadInputCorpusTests"/>, each named for what is wrong with it. They assume a
/// template <c>card</c> printing <c>title</c> and <c>subtitle</c>, and the fixture's small limits.
/// </summary>
public static class BadInputCorpus
{
    /// <param name="Status">The exact status expected, where one is right (404, 413, 415); otherwise any 4xx.</param>
    public record BadRequest(string Name, Func<HttpRequestMessage> Make, int? Status = null)
    {
        public override string ToString() => Name;
    }

    private static readonly string[] JsonRoutes =
    [
        "POST /api/generate", "POST /api/generate-async", "POST /api/templates/generate", "POST /api/generate-batch",
        "POST /api/templates", "POST /api/templates/upload", "PUT /api/templates/card", "POST /api/templates/card/activate",
    ];

    public static IEnumerable<TestCaseData> Requests() =>
        All().Select(bad => new TestCaseData(bad).SetName($"Is_answered_with_a_4xx_problem({bad.Name})"));

    private static IEnumerable<BadRequest> All() =>
        Malformed().Concat(Generation()).Concat(Batches()).Concat(CsvForms()).Concat(Templates()).Concat(Assets()).Concat(Jobs());

    /// <summary>Bodies no JSON route can read, on every JSON route.</summary>
    private static IEnumerable<BadRequest> Malformed()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var bodies = new (string Name, Func<HttpContent> Content, int? Status)[]
        {
            ("empty body", () => Json(""), null),
            ("null", () => Json("null"), null),
            ("truncated", () => Json("""{"template_id": "card", "items": [{"title": "a"""), null),
            ("array at the root", () => Json("[]"), null),
            ("string at the root", () => Json("\"card\""), null),
            ("nested 5000 deep", () => Json($$"""{"template_id": "card", "custom_data": {{deep}}, "items": {{deep}}, "html_content": {{deep}}}"""), null),
            ("xml", () => Json("<template id=\"card\"/>"), null),
            ("text/plain", () => new StringContent("""{"template_id": "card"}""", Encoding.UTF8, "text/plain"), 415),
            ("invalid utf-8", () => Bytes([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d], "application/json"), null),
            ("trailing garbage", () => Json("""{"template_id": "card"} {"again": true}"""), null),
            ("number out of range", () => Json("""{"template_id": "card", "width": 1e999, "version": 1e999, "options": {"quality": 1e999}}"""), null),
        };
        foreach (var route in JsonRoutes)
            foreach (var (name, content, status) in bodies)
                yield return Send(route, name, content, status);
    }

    private static IEnumerable<BadRequest> Generation()
    {
        foreach (var route in new[] { "POST /api/generate", "POST /api/generate-async", "POST /api/templates/generate" })
        {
            yield return Send(route, "template_id a number", () => Json("""{"template_id": 7, "custom_data": {}}"""));
            yield return Send(route, "template_id missing", () => Json("""{"custom_data": {"title": "a", "subtitle": "b"}}"""));
            yield return Send(route, "template_id traversal", () => Json("""{"template_id": "../../etc/passwd", "custom_data": {}}"""));
            yield return Send(route, "template_id version 0", () => Json("""{"template_id": "card@0", "custom_data": {}}"""));
            yield return Send(route, "unknown template", () => Json("""{"template_id": "nothing-here", "custom_data": {}}"""), 404);
            yield return Send(route, "custom_data an array", () => Json("""{"template_id": "card", "custom_data": [1, 2]}"""));
            yield return Send(route, "custom_data a string", () => Json("""{"template_id": "card", "custom_data": "title=a"}"""));
            yield return Send(route, "placeholder an object", () => Json("""{"template_id": "card", "custom_data": {"title": {"a": 1}, "subtitle": "b"}}"""));
            yield return Send(route, "required placeholder missing", () => Json("""{"template_id": "card", "custom_data": {"title": "a"}}"""));
            yield return Send(route, "entity_id an array", () => Json("""{"template_id": "card", "custom_data": {"entity_id": [1], "title": "a", "subtitle": "b"}}"""));
            yield return Send(route, "format bmp", () => Json(Card("""{"format": "bmp"}""")));
            yield return Send(route, "quality 0", () => Json(Card("""{"quality": 0}""")));
            yield return Send(route, "quality a word", () => Json(Card("""{"quality": "high"}""")));
            yield return Send(route, "device_scale_factor 10", () => Json(Card("""{"device_scale_factor": 10}""")));
            yield return Send(route, "priority 11", () => Json(Card("""{"priority": 11}""")));
            yield return Send(route, "options an array", () => Json(Card("[1]")));
        }
    }

    private static IEnumerable<BadRequest> Batches()
    {
        const string route = "POST /api/generate-batch";
        yield return Send(route, "items null", () => Json("""{"template_id": "card", "items": null}"""));
        yield return Send(route, "items missing", () => Json("""{"template_id": "card"}"""));
        yield return Send(route, "items empty", () => Json("""{"template_id": "card", "items": []}"""));
        yield return Send(route, "items an object", () => Json("""{"template_id": "card", "items": {"title": "a"}}"""));
        yield return Send(route, "item a number", () => Json("""{"template_id": "card", "items": [1]}"""));
        yield return Send(route, "item a string", () => Json("""{"template_id": "card", "items": ["a"]}"""));
        yield return Send(route, "item null", () => Json("""{"template_id": "card", "items": [null]}"""));
        yield return Send(route, "entity_id an object", () => Json(Items("""{"entity_id": {"x": 1}, "title": "a", "subtitle": "b"}""")));
        yield return Send(route, "entity_id a boolean", () => Json(Items("""{"entity_id": true, "title": "a", "subtitle": "b"}""")));
        yield return Send(route, "id an array", () => Json(Items("""{"id": [], "title": "a", "subtitle": "b"}""")));
        yield return Send(route, "placeholder an array", () => Json(Items("""{"title": ["a"], "subtitle": "b"}""")));
        yield return Send(route, "placeholder missing in item 3", () => Json(Items(
            """{"title": "a", "subtitle": "b"}, {"title": "a", "subtitle": "b"}, {"title": "a", "subtitle": "b"}, {"title": "a"}""")));
        yield return Send(route, "more items than MaxBatchItems", () => Json(Items(string.Join(",", Enumerable.Repeat("""{"title": "a", "subtitle": "b"}""", 1001)))));
        yield return Send(route, "an item past 2 MiB", () => Json(Items($$"""{"title": "a", "subtitle": "{{new string('x', 2 * 1024 * 1024 + 10)}}"}""")));
        yield return Send(route, "a body past MaxBatchBodyBytes", () => Json(Items($$"""{"title": "a", "subtitle": "{{new string('x', 4 * 1024 * 1024)}}"}""")), 413);
        yield return Send(route, "template_id traversal", () => Json("""{"template_id": "..\\..\\card", "items": [{"title": "a", "subtitle": "b"}]}"""));
        yield return Send(route, "unknown template", () => Json("""{"template_id": "card@99", "items": [{"title": "a", "subtitle": "b"}]}"""), 404);
        yield return Send(route, "priority 0", () => Json("""{"template_id": "card", "items": [{"title": "a", "subtitle": "b"}], "options": {"priority": 0}}"""));
        yield return Send(route, "format pdf upper case", () => Json("""{"template_id": "card", "items": [{"title": "a", "subtitle": "b"}], "options": {"format": "PDF"}}"""));
    }

    private static IEnumerable<BadRequest> CsvForms()
    {
        const string route = "POST /api/generate-batch/csv";
        var random = new byte[8192];
        new Random(7).NextBytes(random);
        yield return Send(route, "json instead of a form", () => Json("""{"template_id": "card"}"""), 400);
        yield return Send(route, "form without a file", () => Form(("template_id", "card")));
        yield return Send(route, "form without template_id", () => Form(null, "title,subtitle\na,b\n"));
        yield return Send(route, "template_id traversal", () => Form([("template_id", "../card")], "title,subtitle\na,b\n"));
        yield return Send(route, "unknown template", () => Form([("template_id", "nothing-here")], "title,subtitle\na,b\n"), 404);
        yield return Send(route, "unclosed quote", () => Form(Card(), "title,subtitle\na,b\n\"c,d\ne,f\n"));
        yield return Send(route, "text after a closing quote", () => Form(Card(), "title,subtitle\n\"a\"x,b\n"));
        yield return Send(route, "row with fewer fields", () => Form(Card(), "title,subtitle\na,b\nc\n"));
        yield return Send(route, "row with more fields", () => Form(Card(), "title,subtitle\na,b,c\n"));
        yield return Send(route, "random bytes", () => Form(Card(), random));
        yield return Send(route, "nul bytes", () => Form(Card(), "title,subtitle\na\0,b\0\n"u8.ToArray()));
        yield return Send(route, "utf-16 without a mark", () => Form(Card(), Encoding.Unicode.GetBytes("title,subtitle\na,b\n")));
        yield return Send(route, "empty file", () => Form(Card(), ""));
        yield return Send(route, "header only", () => Form(Card(), "title,subtitle\n"));
        yield return Send(route, "header naming a column twice", () => Form(Card(), "title,title\na,b\n"));
        yield return Send(route, "header with a blank column", () => Form(Card(), "title,,subtitle\na,b,c\n"));
        yield return Send(route, "placeholder column missing", () => Form(Card(), "title\na\n"));
        yield return Send(route, "more rows than MaxBatchItems", () => Form(Card(), "title,subtitle\n" + string.Concat(Enumerable.Repeat("a,b\n", 1001))));
        yield return Send(route, "format bmp", () => Form(Card(("format", "bmp")), "title,subtitle\na,b\n"));
        yield return Send(route, "quality a word", () => Form(Card(("quality", "high")), "title,subtitle\na,b\n"));
        yield return Send(route, "quality 0", () => Form(Card(("quality", "0")), "title,subtitle\na,b\n"));
        yield return Send(route, "priority 11", () => Form(Card(("priority", "11")), "title,subtitle\na,b\n"));
        yield return Send(route, "device_scale_factor 9", () => Form(Card(("device_scale_factor", "9")), "title,subtitle\na,b\n"));
        yield return Send(route, "broken multipart boundary", () => Bytes("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\ntitle"u8.ToArray(),
            "multipart/form-data; boundary=x"));
        yield return Send(route, "a body past MaxBatchBodyBytes", () => Form(Card(), "title,subtitle\n" + new string('x', 4 * 1024 * 1024) + ",b\n"), 413);
    }

    private static IEnumerable<BadRequest> Templates()
    {
        var broken = new (string Name, string Html)[]
        {
            ("each never closed", "<div>{{#each rows}}<p>{{this}}</p></div>"),
            ("mustache never closed", "<p>{{title</p>"),
            ("partial", "<p>{{> footer}}</p>"),
            ("partial block", "{{#> layout}}x{{/layout}}"),
            ("unknown helper", "<p>{{shout title}}</p>"),
            ("unknown block helper", "{{#repeat 3}}x{{/repeat}}"),
            ("unknown helper in a subexpression", "{{qr (shout link)}}"),
            ("mismatched close", "{{#if a}}x{{/each}}"),
            ("stray close", "<p>x</p>{{/if}}"),
            ("three braces closed by two", "{{{raw}}"),
            ("two braces closed by three", "{{raw}}}"),
            ("raw block", "{{{{raw}}}}x{{{{/raw}}}}"),
            ("decorator", "{{* inline}}"),
            ("ampersand", "{{&title}}"),
            ("empty mustache", "<p>{{}}</p>"),
            ("if without a value", "{{#if}}x{{/if}}"),
            ("else outside a block", "<p>{{else}}</p>"),
            ("comment never closed", "<p>{{!-- note</p>"),
        };
        foreach (var route in new[] { "POST /api/templates", "PUT /api/templates/card" })
            foreach (var (name, html) in broken)
                yield return Send(route, name, () => Json($$"""{"section": "broken", "html_content": {{Quote(html)}}}"""));

        const string upload = "POST /api/templates";
        yield return Send(upload, "css mustache never closed", () => Json("""{"section": "broken", "html_content": "<p>x</p>", "css_content": "p { color: {{ink; }"}"""));
        yield return Send(upload, "width 0", () => Json("""{"section": "broken", "html_content": "<p>x</p>", "width": 0}"""));
        yield return Send(upload, "width 99999", () => Json("""{"section": "broken", "html_content": "<p>x</p>", "width": 99999}"""));
        yield return Send(upload, "height negative", () => Json("""{"section": "broken", "html_content": "<p>x</p>", "height": -1}"""));
        yield return Send(upload, "width a word", () => Json("""{"section": "broken", "html_content": "<p>x</p>", "width": "wide"}"""));
        yield return Send(upload, "html empty", () => Json("""{"section": "broken", "html_content": ""}"""));
        yield return Send(upload, "html past its limit", () => Json($$"""{"section": "broken", "html_content": "{{new string('a', 1_000_001)}}"}"""));
        yield return Send(upload, "section traversal", () => Json("""{"section": "../../", "html_content": "<p>x</p>"}"""));
        yield return Send(upload, "section ending in _latest", () => Json("""{"section": "card_latest", "html_content": "<p>x</p>"}"""));
        yield return Send(upload, "no section or name", () => Json("""{"html_content": "<p>x</p>"}"""));
        yield return Send(upload, "preset unknown", () => Json("""{"section": "broken", "html_content": "<p>x</p>", "preset": "billboard"}"""));
        yield return Send(upload, "sample_data an array", () => Json("""{"section": "broken", "html_content": "<p>x</p>", "sample_data": [1]}"""));
        yield return Send(upload, "set_as_active a word", () => Json("""{"section": "broken", "html_content": "<p>x</p>", "set_as_active": "yes"}"""));
        yield return Send(upload, "past kestrel's default body limit", () => Json(new string(' ', 31_000_000)), 413);
        yield return Send("PUT /api/templates/nothing-here", "new version of an unknown template", () => Json("""{"html_content": "<p>x</p>"}"""), 404);
        yield return Send("PUT /api/templates/..%2F..%2Fetc", "new version of a traversal key", () => Json("""{"html_content": "<p>x</p>"}"""), 404);
        yield return Send("POST /api/templates/card/activate", "version 0", () => Json("""{"version": 0}"""));
        yield return Send("POST /api/templates/card/activate", "version a word", () => Json("""{"version": "two"}"""));
        yield return Send("POST /api/templates/card/activate", "version that does not exist", () => Json("""{"version": 99}"""), 404);
        yield return Send("POST /api/templates/nothing-here/activate", "activate an unknown template", () => Json("""{"version": 1}"""), 404);
        yield return Send("GET /api/templates/card/preview?format=bmp", "preview as bmp", null);
        yield return Send("GET /api/templates/card@0/preview", "preview of version 0", null, 404);
        yield return Send("GET /api/templates/..%2F..%2Fetc%2Fpasswd", "detail of a traversal key", null, 404);
        yield return Send("GET /api/templates/nothing-here", "detail of an unknown template", null, 404);
    }

    private static IEnumerable<BadRequest> Assets()
    {
        var png = "\x89PNG\r\n\x1a\n"u8.ToArray();
        yield return Send("PUT /api/templates/card/assets/..%2F..%2Fx.png", "name traversal", () => Bytes(png, "image/png"));
        yield return Send("PUT /api/templates/card/assets/.hidden.png", "name starting with a dot", () => Bytes(png, "image/png"));
        yield return Send("PUT /api/templates/card/assets/brand", "name without an extension", () => Bytes(png, "image/png"));
        yield return Send("PUT /api/templates/card/assets/run.exe", "executable", () => Bytes("MZ"u8.ToArray(), "application/octet-stream"));
        yield return Send("PUT /api/templates/card/assets/logo.png", "text named png", () => Bytes("<svg/>"u8.ToArray(), "image/png"));
        yield return Send("PUT /api/templates/card/assets/logo.png", "empty", () => Bytes([], "image/png"));
        yield return Send("PUT /api/templates/card/assets/logo.png", "past TemplateAssets:MaxBytes", () => Bytes([.. png, .. new byte[70_000]], "image/png"));
        yield return Send("PUT /api/templates/nothing-here/assets/logo.png", "unknown template", () => Bytes(png, "image/png"), 404);
        yield return Send("POST /api/templates/card/assets", "form without files", () => Form(("x", "y")));
        yield return Send("POST /api/templates/card/assets", "not a form", () => Json("{}"));
        yield return Send("POST /api/templates/card/assets", "file name traversal", () => AssetForm("../../x.png", png));
        yield return Send("POST /api/templates/card/assets", "file name absolute", () => AssetForm("/etc/x.png", png));
        yield return Send("POST /api/templates/card/assets", "file content mismatched", () => AssetForm("font.woff2", png));
        yield return Send("DELETE /api/templates/card/assets/missing.png", "delete a missing asset", null, 404);
        yield return Send("DELETE /api/templates/card/assets/..%2F..%2Fpostergen.db", "delete by traversal", null, 404);
        yield return Send("GET /api/templates/nothing-here/assets", "list assets of an unknown template", null, 404);
    }

    private static IEnumerable<BadRequest> Jobs()
    {
        var unknown = Guid.NewGuid();
        yield return Send("GET /api/jobs/not-a-guid", "job id not a guid", null, 404);
        yield return Send($"GET /api/jobs/{unknown}", "unknown job", null, 404);
        yield return Send($"GET /api/templates/job/{unknown}", "unknown job, templates path", null, 404);
        yield return Send($"GET /api/jobs/{unknown}?page=abc", "page a word", null);
        yield return Send("GET /api/jobs?page=99999999999", "page past int", null);
        yield return Send("GET /api/jobs?page_size=many", "page_size a word", null);
        yield return Send($"POST /api/jobs/{unknown}/cancel", "cancel an unknown job", null, 404);
        yield return Send($"GET /api/jobs/{unknown}/stream", "stream an unknown job", null, 404);
        yield return Send($"GET /api/templates/job/{unknown}/stream", "stream an unknown job, templates path", null, 404);
        yield return Send("GET /api/jobs/..%2F..%2Fhealth/stream", "stream by traversal", null, 404);
        yield return Send("GET /api/nothing-here", "unknown route", null, 404);
        yield return Send("DELETE /api/generate", "wrong method", null, 405);
        yield return Send("GET /posters/..%2Fpostergen.db", "poster file by traversal", null, 404);
        yield return Send("GET /posters/template-assets/card/x.png", "template assets are not public", null, 404);
    }

    private static BadRequest Send(string route, string name, Func<HttpContent>? content, int? status = null)
    {
        var (method, url) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
        return new BadRequest($"{route}: {name}", () => new HttpRequestMessage(new HttpMethod(method), url) { Content = content?.Invoke() }, status);
    }

    private static string Card(string options) =>
        $$"""{"template_id": "card", "custom_data": {"title": "a", "subtitle": "b"}, "options": {{options}}}""";

    private static string Items(string items) => $$"""{"template_id": "card", "items": [{{items}}]}""";

    private static (string, string)[] Card(params (string, string)[] fields) => [("template_id", "card"), .. fields];

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static MultipartFormDataContent Form((string Name, string Value)[]? fields, string? csv = null) =>
        Form(fields, csv is null ? null : Encoding.UTF8.GetBytes(csv));

    private static MultipartFormDataContent Form(params (string Name, string Value)[] fields) => Form(fields, (byte[]?)null);

    private static MultipartFormDataContent Form((string Name, string Value)[]? fields, byte[]? csv)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields ?? [])
            form.Add(new StringContent(value), name);
        if (csv is not null)
            form.Add(Bytes(csv, "text/csv"), "file", "rows.csv");
        return form;
    }

    private static MultipartFormDataContent AssetForm(string fileName, byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = Bytes(content, "application/octet-stream");
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"files\"", FileName = $"\"{fileName}\"" };
        form.Add(file);
        return form;
    }
}
