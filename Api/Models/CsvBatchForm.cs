using Microsoft.OpenApi;
using PosterGen.Api.Csv;
using PosterGen.Api.Extensions;
using PosterGen.Api.Validation;

namespace PosterGen.Api.Models;

/// <summary>
/// The multipart form of <c>POST /api/generate-batch/csv</c>: <c>template_id</c>, a CSV <c>file</c>
/// and the render options and notification targets as text fields. Binding only reads it; <c>CsvBatchFormValidator</c> judges it.
/// </summary>
/// <param name="Unreadable">Why the body is not a form to read, when it is not.</param>
/// <param name="Rows">The file read into items, or its errors; null when no file was sent.</param>
public record CsvBatchForm(
    string? Unreadable,
    string? TemplateId,
    CsvTable? Rows,
    string? Format,
    string? Quality,
    string? DeviceScaleFactor,
    string? Priority,
    string? PngCompression,
    string? DryRun,
    string? WebhookUrl = null,
    string? NotifyEmail = null) : INotificationTargets
{
    public const string FileField = "file";

    public static async ValueTask<CsvBatchForm> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
            return Refused("The body must be multipart/form-data with 'template_id' and a CSV 'file'.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException and not BadHttpRequestException)
        {
            // A multipart body that is cut short or framed wrongly; a body past the limit stays a 413.
            return Refused($"The multipart body could not be read: {exception.Message}");
        }
        var file = form.Files.GetFile(FileField);
        CsvTable? rows = null;
        if (file is not null)
        {
            await using var content = file.OpenReadStream();
            rows = await CsvTable.ReadAsync(content, context.RequestServices.PosterGen().MaxBatchItems, context.RequestAborted);
        }
        return new CsvBatchForm(null, Text("template_id"), rows, Text("format"), Text("quality"), Text("device_scale_factor"), Text("priority"),
            Text("png_compression"), Text("dry_run"), Text("webhook_url"), Text("notify_email"));

        // A field left empty in an HTML form is the same as one left out.
        string? Text(string name) => form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;
    }

    /// <summary>The form as the API description shows it.</summary>
    public static OpenApiSchema Description => BodyDescriptions.Form(new()
    {
        ["template_id"] = BodyDescriptions.Text("'key', 'key@3' or 'key_latest'."),
        [FileField] = BodyDescriptions.Binary,
        ["format"] = BodyDescriptions.Text("Output format; png when left out.", RenderOptionsRequestValidator.Formats),
        ["quality"] = BodyDescriptions.Text("JPEG and WebP quality, 1-100."),
        ["device_scale_factor"] = BodyDescriptions.Text("Pixel density, 1-3."),
        ["priority"] = BodyDescriptions.Text("1 (first) to 10 (last)."),
        ["png_compression"] = BodyDescriptions.Text("fast (default) or small.", Consumers.Rendering.PngCompression.Names),
        ["dry_run"] = BodyDescriptions.Text($"true: check the rows (at most {Apis.DryRun.MaxItems}) and answer, storing nothing.", ["true", "false"]),
        ["webhook_url"] = BodyDescriptions.Text("Where the job's final event is POSTed (Standard Webhooks)."),
        ["notify_email"] = BodyDescriptions.Text("Who gets an email when the job ends."),
    }, "template_id", FileField);

    private static CsvBatchForm Refused(string reason) => new(reason, null, null, null, null, null, null, null, null);

    /// <summary>The options, once the validator has found them well-formed.</summary>
    public RenderOptionsRequest Options => new(
        Format,
        Quality is null ? null : int.Parse(Quality, System.Globalization.CultureInfo.InvariantCulture),
        DeviceScaleFactor is null ? null : double.Parse(DeviceScaleFactor, System.Globalization.CultureInfo.InvariantCulture),
        Priority is null ? null : int.Parse(Priority, System.Globalization.CultureInfo.InvariantCulture),
        PngCompression: PngCompression);

    /// <summary>Whether the form asks for a dry run, once the validator has found <c>dry_run</c> well-formed.</summary>
    public bool IsDryRun => DryRun is not null && bool.Parse(DryRun);
}
