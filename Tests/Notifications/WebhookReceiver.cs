using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace PosterGen.Tests.Notifications;

/// <summary>
/// A webhook receiver of the test's own, on Kestrel at a loopback port: it checks each request with
/// the Standard Webhooks verifier, keeps what came, and answers with the next status the test queued
/// (200 once the queue is empty). A 307 answer points at <c>/elsewhere</c>, which counts its visitors.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly StandardWebhook verifier;
    private readonly ConcurrentQueue<int> answers;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private int redirectsFollowed;

    private WebhookReceiver(WebApplication app, string secret, IEnumerable<int> answers)
    {
        this.app = app;
        verifier = new StandardWebhook(secret);
        this.answers = new ConcurrentQueue<int>(answers);
    }

    public Uri Url => new(new Uri(app.Urls.Single()), "/hooks");

    public IReadOnlyList<ReceivedWebhook> Received => received.ToList();

    public int RedirectsFollowed => Volatile.Read(ref redirectsFollowed);

    /// <param name="port">0 for any free port; a given one to come back on the same URL after a restart.</param>
    public static async Task<WebhookReceiver> StartAsync(string secret, int port = 0, params int[] answers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var receiver = new WebhookReceiver(builder.Build(), secret, answers);
        receiver.app.MapPost("/hooks", receiver.ReceiveAsync);
        receiver.app.MapPost("/elsewhere", () =>
        {
            Interlocked.Increment(ref receiver.redirectsFollowed);
            return Results.Ok();
        });
        await receiver.app.StartAsync();
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        bool verified;
        try
        {
            verifier.Verify(body, request.Headers);
            verified = true;
        }
        catch (WebhookVerificationException)
        {
            verified = false;
        }
        var answer = answers.TryDequeue(out var queued) ? queued : 200;
        received.Enqueue(new ReceivedWebhook(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
            request.Headers["webhook-signature"].ToString(), body, verified, answer));
        return answer == 307 ? Results.Redirect("/elsewhere", permanent: false, preserveMethod: true) : Results.StatusCode(answer);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One request the receiver got, and whether the Standard Webhooks verifier accepted its signature.</summary>
public record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, bool Verified, int Answer);
