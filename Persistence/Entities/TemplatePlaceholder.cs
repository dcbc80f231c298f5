namespace PosterGen.Persistence.Entities;

/// <summary>A placeholder found in a template version.</summary>
/// <param name="Name">As written in the template, e.g. <c>name</c> for <c>{{name}}</c>.</param>
/// <param name="Required">False when the template only tests it (<c>{{#if logo}}</c>) and copes without it.</param>
/// <param name="Type"><c>text</c>, <c>number</c>, <c>boolean</c>, <c>image</c> or <c>color</c>: a hint for forms, from the sample or the name.</param>
/// <param name="Sample">A value to preview the template with, given at upload.</param>
public record TemplatePlaceholder(string Name, bool Required, string? Type = null, string? Sample = null);
