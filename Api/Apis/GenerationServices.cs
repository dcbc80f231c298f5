using FluentValidation;
using PosterGen.Api.Jobs;
using PosterGen.Api.Validation;
using PosterGen.Consumers.Posters;
using PosterGen.Consumers.Templates;
using PosterGen.Persistence.Tenancy;

namespace PosterGen.Api.Apis;

/// <summary>What the generation endpoints need, bound with <c>[AsParameters]</c>.</summary>
public class GenerationServices(
    TemplateCatalog templates,
    JobSubmitter jobs,
    PendingItemsLimit pending,
    RenderCache posters,
    CurrentTenant tenant,
    IValidator<TemplateItems> items)
{
    /// <summary>Whose templates are found and whose jobs are made.</summary>
    public CurrentTenant Tenant { get; } = tenant;
    public PendingItemsLimit Pending { get; } = pending;
    public TemplateCatalog Templates { get; } = templates;
    public JobSubmitter Jobs { get; } = jobs;
    public RenderCache Posters { get; } = posters;

    /// <summary>Checks items against the template they fill.</summary>
    public IValidator<TemplateItems> Items { get; } = items;
}
