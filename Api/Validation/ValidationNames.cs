using System.Text.Json;
using FluentValidation;

namespace PosterGen.Api.Validation;

public static class ValidationNames
{
    /// <summary>Error paths in the JSON's own spelling (<c>items[7]</c>, <c>html_content</c>), as clients send it.</summary>
    public static void UseSnakeCase()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);
    }
}
