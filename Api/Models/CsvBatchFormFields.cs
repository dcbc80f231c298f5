namespace PosterGen.Api.Models;

/// <summary>
/// The CSV form as the API description shows it. <see cref="CsvBatchForm"/> reads the same fields as text,
/// so a mistyped one is a 400 naming it rather than a binding failure.
/// </summary>
public record CsvBatchFormFields(string TemplateId, IFormFile File, string? Format, int? Quality, double? DeviceScaleFactor, int? Priority);
