namespace PosterGen.Consumers.Templates;

public class TemplateNotFoundException(string reference)
    : Exception($"Template '{reference}' does not exist.")
{
    public string Reference { get; } = reference;
}
