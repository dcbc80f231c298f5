namespace PosterGen.Persistence.Entities;

/// <summary>A placeholder found in a template version.</summary>
/// <param name="Name">As written in the template, e.g. <c>name</c> for <c>{{name}}</c>.</param>
/// <param name="Required">False when the template only tests it (<c>{{#if logo}}</c>) and copes without it.</param>
public record TemplatePlaceholder(string Name, bool Required);
