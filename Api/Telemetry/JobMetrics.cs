using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using PosterGen.Consumers.Telemetry;
using PosterGen.Persistence;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Api.Telemetry;

/// <summary>
/// Gauges read from the database when Prometheus scrapes, so they hold whatever process wrote the
/// rows: <c>postergen_jobs{state}</c> (saga states as in <c>batch_job_state.current_state</c>) and
/// <c>postergen_render_queue_depth{lane}</c>, items of unfinished jobs without an outcome yet, per
/// priority lane. Registered by the api role only, so replicas do not report the same rows twice.
/// </summary>
public sealed class JobMetrics
{
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<JobMetrics> logger;

    public JobMetrics(IMeterFactory meters, IServiceScopeFactory scopes, ILogger<JobMetrics> logger)
    {
        (this.scopes, this.logger) = (scopes, logger);
        var meter = meters.Create(PosterGenTelemetry.Name);
        meter.CreateObservableGauge("postergen.jobs", JobsByState, "{job}", "Jobs by saga state.");
        meter.CreateObservableGauge("postergen.render_queue.depth", RemainingByLane, "{poster}", "Items of unfinished jobs still without an outcome, by priority lane.");
    }

    private IEnumerable<Measurement<int>> JobsByState() => Read(db => db.BatchJobs
        .GroupBy(j => j.CurrentState)
        .Select(g => new { State = g.Key, Count = g.Count() })
        .AsEnumerable()
        .Select(g => new Measurement<int>(g.Count, new KeyValuePair<string, object?>("state", g.State)))
        .ToList());

    private IEnumerable<Measurement<int>> RemainingByLane() => Read(db => db.BatchJobs
        .Where(j => j.CurrentState == nameof(BatchJobStateMachine.Dispatching) || j.CurrentState == nameof(BatchJobStateMachine.Rendering))
        .GroupBy(j => j.Priority)
        .Select(g => new { Priority = g.Key, Remaining = g.Sum(j => j.TotalItems - j.SucceededCount - j.FailedCount) })
        .AsEnumerable()
        .Select(g => new Measurement<int>(g.Remaining, new KeyValuePair<string, object?>("lane", $"priority-{g.Priority}")))
        .ToList());

    private List<Measurement<int>> Read(Func<PosterGenDbContext, List<Measurement<int>>> query)
    {
        try
        {
            using var scope = scopes.CreateScope();
            return query(scope.ServiceProvider.GetRequiredService<PosterGenDbContext>());
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // A scrape while the database is away reports no job gauges; /health/ready says why.
            logger.LogDebug(exception, "Job gauges not read");
            return [];
        }
    }
}
