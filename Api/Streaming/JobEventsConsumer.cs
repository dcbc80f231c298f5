using MassTransit;
using PosterGen.Contracts;

namespace PosterGen.Api.Streaming;

/// <summary>The SSE bridge's ear on the bus: each job event wakes that job's streams on this instance.</summary>
public class JobEventsConsumer(JobEventHub hub) :
    IConsumer<PosterRendered>,
    IConsumer<PosterFailed>,
    IConsumer<JobCompleted>,
    IConsumer<JobFailed>,
    IConsumer<JobCancelled>
{
    public Task Consume(ConsumeContext<PosterRendered> context) => Wake(context.Message.JobId);
    public Task Consume(ConsumeContext<PosterFailed> context) => Wake(context.Message.JobId);
    public Task Consume(ConsumeContext<JobCompleted> context) => Wake(context.Message.JobId);
    public Task Consume(ConsumeContext<JobFailed> context) => Wake(context.Message.JobId);
    public Task Consume(ConsumeContext<JobCancelled> context) => Wake(context.Message.JobId);

    private Task Wake(Guid jobId)
    {
        hub.Notify(jobId);
        return Task.CompletedTask;
    }
}
