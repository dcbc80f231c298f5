using MassTransit;

namespace PosterGen.Messaging;

public static class RetryOutlastingRestarts
{
    /// <summary>
    /// Exponential retries over about four minutes: longer than a row-lock conflict, a database
    /// restart or a broker failover takes, after which the message goes to the error queue.
    /// </summary>
    public static void UseRetryOutlastingRestarts(this IReceiveEndpointConfigurator endpoint) =>
        endpoint.UseMessageRetry(r => r.Exponential(15, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)));
}
