using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.Options;
using PosterGen.Api.Extensions;
using PosterGen.Api.Models;
using PosterGen.Api.Templates;

namespace PosterGen.Api.Validation;

/// <summary>Seed 002's bulk request; error paths in its own spelling (<c>csvData[3].name</c>).</summary>
public class BulkRequestValidator : AbstractValidator<BulkRequest>
{
    public BulkRequestValidator(IOptions<PosterGenOptions> options, NotificationTargetsValidator notifications)
    {
        Include(notifications);
        var maxItems = options.Value.MaxBatchItems;
        RuleFor(x => x.BulkMethod).NotEmpty().OverridePropertyName("bulkMethod").WithName("bulkMethod")
            .Must(method => method != "html")
            .WithMessage("bulkMethod 'html' looks profiles up in another service's database, which PosterGen cannot reach: send bulkMethod 'csv' with the rows in csvData.")
            .Must(method => method is null or "html" or "csv").WithMessage("bulkMethod must be 'csv'.");
        RuleFor(x => x.CsvTemplate).NotEmpty().OverridePropertyName("csvTemplate").WithName("csvTemplate");
        RuleFor(x => x.CsvColumns).NotEmpty().OverridePropertyName("csvColumns").WithName("csvColumns");
        RuleFor(x => x.Size).Must(size => size is null || SizePresets.TryGet(size, out _)).OverridePropertyName("size").WithName("size")
            .WithMessage(x => $"Unknown size '{x.Size}': use one of {string.Join(", ", SizePresets.Names)}.");
        RuleFor(x => x.CsvData).Custom((rows, context) =>
        {
            if (rows is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
            {
                context.AddFailure("csvData", "csvData must be a non-empty array of rows.");
                return;
            }
            if (array.GetArrayLength() > maxItems)
                context.AddFailure("csvData", $"csvData may hold at most {maxItems} rows.");
            if (context.InstanceToValidate.DryRun == true && array.GetArrayLength() > Apis.DryRun.MaxItems)
                context.AddFailure("csvData", Apis.DryRun.TooManyItems);

            var columns = context.InstanceToValidate.CsvColumns ?? [];
            var index = 0;
            foreach (var row in array.EnumerateArray())
            {
                foreach (var (path, message) in RowErrors(row, index++, columns))
                    context.AddFailure(path, message);
            }
        });
    }

    private static IEnumerable<(string Path, string Message)> RowErrors(JsonElement row, int index, List<string> columns)
    {
        switch (row.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var column in columns.Where(c => !row.TryGetProperty(c, out _)))
                    yield return ($"csvData[{index}].{column}", $"Row {index} has no value for column '{column}'.");
                break;
            case JsonValueKind.Array when row.GetArrayLength() < columns.Count:
                foreach (var column in columns.Skip(row.GetArrayLength()))
                    yield return ($"csvData[{index}].{column}", $"Row {index} has no value for column '{column}'.");
                break;
            case JsonValueKind.Array:
                break;
            default:
                yield return ($"csvData[{index}]", "Each row must be an object of column values or an array in csvColumns order.");
                break;
        }
    }
}
