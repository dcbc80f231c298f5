using PosterGen.Api.Jobs;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Storage;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Apis;

/// <summary>What the generation endpoints need, bound with <c>[AsParameters]</c>.</summary>
public class GenerationServices(
    TemplateCatalog templates,
    JobSubmitter jobs,
    IPosterRenderer renderer,
    IPosterStorage storage)
{
    public TemplateCatalog Templates { get; } = templates;
    public JobSubmitter Jobs { get; } = jobs;
    public IPosterRenderer Renderer { get; } = renderer;
    public IPosterStorage Storage { get; } = storage;
}
