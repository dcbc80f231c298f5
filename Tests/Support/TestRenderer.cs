using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Rendering;

namespace PosterGen.Tests.Support;

/// <summary>The project's Chromium renderer on the system Chromium, outside any host.</summary>
public static class TestRenderer
{
    public static ChromiumPosterRenderer Create(int concurrency = 2, int timeoutSeconds = 30, int recycleAfter = 500, int? browsers = null) =>
        new(Options.Create(new RendererOptions
            {
                Concurrency = concurrency, TimeoutSeconds = timeoutSeconds, RecycleAfter = recycleAfter,
                Browsers = browsers ?? new RendererOptions().Browsers,
            }),
            Options.Create(new ChromiumOptions()),
            new TemplateCompiler(),
            new RequestPolicy(),
            NullLogger<ChromiumPosterRenderer>.Instance);
}
