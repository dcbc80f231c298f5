using System.Text.Json;
using System.Text.RegularExpressions;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Api;

/// <summary><c>/openapi/v1.json</c> against the README's API table, and Scalar's UI at <c>/scalar/v1</c>.</summary>
public partial class ApiDescriptionTests : EmbeddedServiceFixture
{
    private JsonElement document;

    [OneTimeSetUp]
    public async Task ReadDocument()
    {
        var response = await Client.GetAsync("/openapi/v1.json");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        document = await response.ReadJsonAsync();
    }

    [Test]
    public void Every_route_of_the_readme_api_table_is_described()
    {
        var routes = ReadmeRoutes();
        Assert.That(routes, Has.Count.GreaterThanOrEqualTo(20), "the table was read");

        var paths = document.GetProperty("paths");
        var missing = routes.Where(r => !paths.TryGetProperty(r.Path, out var item) || !item.TryGetProperty(r.Method.ToLowerInvariant(), out _))
            .Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.That(missing, Is.Empty, $"described: {string.Join(", ", paths.EnumerateObject().Select(p => p.Name))}");
    }

    [Test]
    public void Bodies_are_described_in_snake_case_as_on_the_wire()
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var batch = schemas.GetProperty("BatchRequest").GetProperty("properties");
        Assert.That(batch.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "template_id", "items", "metadata", "options" }));
        var accepted = schemas.GetProperty("JobAcceptedResponse").GetProperty("properties");
        Assert.That(accepted.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "job_id", "sse_endpoint", "status_endpoint", "total_items" }));
        var upload = schemas.GetProperty("UploadTemplateRequest").GetProperty("properties");
        Assert.That(upload.EnumerateObject().Select(p => p.Name), Does.Contain("html_content").And.Contain("set_as_active"));
    }

    [Test]
    public void Requests_and_their_problem_answers_are_described()
    {
        var batch = Operation("/api/generate-batch", "post");
        Assert.That(batch.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _), Is.True);
        Assert.That(ResponseTypes(batch, "202"), Does.Contain("application/json"));
        Assert.That(ResponseTypes(batch, "400"), Does.Contain("application/problem+json"));
        Assert.That(ResponseTypes(batch, "404"), Does.Contain("application/problem+json"));
        Assert.That(ResponseTypes(batch, "413"), Does.Contain("application/problem+json"));

        var csv = Operation("/api/generate-batch/csv", "post");
        var form = csv.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        var fields = Resolve(form).GetProperty("properties");
        Assert.That(fields.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "template_id", "file", "format" }));
        Assert.That(Resolve(fields.GetProperty("file")).ToString(), Does.Contain("binary"));

        Assert.That(ResponseTypes(Operation("/api/jobs/{id}", "get"), "404"), Does.Contain("application/problem+json"));
        Assert.That(ResponseTypes(Operation("/api/jobs/{id}/stream", "get"), "200"), Does.Contain("text/event-stream"));
        Assert.That(ResponseTypes(Operation("/api/templates/{key}/preview", "get"), "200"), Does.Contain("image/png"));
    }

    [Test]
    public void The_generation_posts_describe_their_idempotency_key_and_its_answers()
    {
        foreach (var path in new[] { "/api/generate", "/api/generate-async", "/api/templates/generate", "/api/generate-batch", "/api/generate-batch/csv", "/api/generate-bulk" })
        {
            var post = Operation(path, "post");
            var headers = post.GetProperty("parameters").EnumerateArray()
                .Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString());
            Assert.That(headers, Does.Contain("Idempotency-Key"), path);
            Assert.That(ResponseTypes(post, "422"), Does.Contain("application/problem+json"), path);
        }
        Assert.That(Operation("/api/jobs/{id}/cancel", "post").TryGetProperty("parameters", out var cancel)
            && cancel.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key"), Is.False, "cancel is idempotent by itself");
    }

    [Test]
    public async Task An_asset_upload_is_described_without_refusing_the_content_type_curl_sends()
    {
        var put = Operation("/api/templates/{key}/assets/{name}", "put");
        Assert.That(put.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/octet-stream", out _), Is.True);

        var curlLike = new ByteArrayContent([1, 2, 3]);
        curlLike.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var response = await Client.PutAsync("/api/templates/nothing-here/assets/logo.png", curlLike);
        Assert.That((int)response.StatusCode, Is.EqualTo(404), "the route is reached: no 415");
    }

    [Test]
    public async Task Scalar_serves_its_ui_for_the_document()
    {
        var response = await Client.GetAsync("/scalar/v1");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        var page = await response.Content.ReadAsStringAsync();
        Assert.That(page, Does.Contain("scalar.js").And.Contain("openapi/v1.json"));
        var script = await Client.GetAsync("/scalar/scalar.js");
        Assert.That((int)script.StatusCode, Is.EqualTo(200), "the UI's script is served beside the page");
        Assert.That((await script.Content.ReadAsByteArrayAsync()).Length, Is.GreaterThan(100_000));
    }

    private JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private JsonElement Operation(string path, string method) => document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static IEnumerable<string> ResponseTypes(JsonElement operation, string status) =>
        operation.GetProperty("responses").TryGetProperty(status, out var response) && response.TryGetProperty("content", out var content)
            ? content.EnumerateObject().Select(c => c.Name)
            : [];

    /// <summary>Each <c>`METHOD /path`</c> in the README's API table; a bare <c>`/path`</c> takes the method before it.</summary>
    private static List<(string Method, string Path)> ReadmeRoutes()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var table = readme.SkipWhile(l => l != "## HTTP API").Skip(1).TakeWhile(l => !l.StartsWith("## ")).Where(l => l.StartsWith("| `"));
        var routes = new List<(string, string)>();
        foreach (var row in table)
        {
            var method = "";
            foreach (Match route in Route().Matches(row.Split('|')[1]))
            {
                method = route.Groups["method"].Success ? route.Groups["method"].Value : method;
                routes.Add((method, route.Groups["path"].Value));
            }
        }
        return routes;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PosterGen.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("PosterGen.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"`((?<method>GET|POST|PUT|DELETE|PATCH) )?(?<path>/[^`?\s]*)[^`]*`")]
    private static partial Regex Route();
}
