using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PosterGen.Api.Jobs;
using PosterGen.Api.Models;

namespace PosterGen.Api.Apis;

/// <summary>A job's webhook deliveries: what was sent where, each attempt's answer, and sending again.</summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs/{id:guid}/webhooks").WithTags("Jobs").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("", ListAsync)
            .WithSummary("The job's webhook events and every delivery attempt: status code or error, and the next attempt.");
        api.MapPost("/{delivery_id:guid}/redeliver", RedeliverAsync)
            .WithSummary("Sends the delivery's event again, same webhook-id and body, with Webhooks:MaxAttempts more attempts.");
        return app;
    }

    /// <summary>The job's events (one per final event) and every attempt, oldest first; empty when it asked for no webhook.</summary>
    public static async Task<Results<Ok<WebhookDeliveriesResponse>, ProblemHttpResult>> ListAsync(
        Guid id, JobQueries jobs, WebhookDeliveryQueries deliveries, CancellationToken cancellationToken) =>
        await jobs.ExistsAsync(id, cancellationToken)
            ? TypedResults.Ok(await deliveries.ListAsync(id, cancellationToken))
            : Problems.JobNotFound(id);

    /// <summary>Sends the event again, with the same <c>webhook-id</c> and body, whether or not it was delivered.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> RedeliverAsync(
        Guid id, [FromRoute(Name = "delivery_id")] Guid deliveryId, WebhookDeliveryQueries deliveries, CancellationToken cancellationToken) =>
        await deliveries.RedeliverAsync(id, deliveryId, cancellationToken)
            ? TypedResults.Accepted($"/api/jobs/{id}/webhooks")
            : Problems.WebhookDeliveryNotFound(id, deliveryId);
}
