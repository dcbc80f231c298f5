using PosterGen.Api.Jobs;
using PosterGen.Consumers.Posters;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Apis;

/// <summary>What the generation endpoints need, bound with <c>[AsParameters]</c>.</summary>
public class GenerationServices(
    TemplateCatalog templates,
    JobSubmitter jobs,
    RenderCache posters,
    RequestPolicy requests)
{
    public TemplateCatalog Templates { get; } = templates;
    public JobSubmitter Jobs { get; } = jobs;
    public RenderCache Posters { get; } = posters;

    /// <summary>What a poster may load: checks item values that are images.</summary>
    public RequestPolicy Requests { get; } = requests;
}
