using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace PosterGen.Tests.Distributed;

/// <summary>
/// A downstream service as docs/events.md tells one to subscribe: plain RabbitMQ, no MassTransit,
/// a queue of its own bound to the event's exchange. Keeps every message body it receives.
/// </summary>
public sealed class EventSubscriber : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly ConcurrentQueue<JsonElement> messages = new();

    private EventSubscriber(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    /// <summary>
    /// Subscribes with a queue that lives as long as this subscriber, or, given
    /// <paramref name="durableQueue"/>, with that durable queue, which keeps the events while the
    /// subscriber or the broker is down and hands them over when it subscribes again.
    /// </summary>
    public static async Task<EventSubscriber> StartAsync(string rabbitMqUri, string exchange, string? durableQueue = null)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(rabbitMqUri) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        var queue = durableQueue is null
            ? await channel.QueueDeclareAsync($"test-subscriber-{Guid.NewGuid():N}", durable: false, exclusive: true, autoDelete: true)
            : await channel.QueueDeclareAsync(durableQueue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue.QueueName, exchange, routingKey: "");

        var subscriber = new EventSubscriber(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            // MassTransit's envelope: the event itself is under "message".
            subscriber.messages.Enqueue(JsonDocument.Parse(delivery.Body).RootElement.GetProperty("message").Clone());
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return subscriber;
    }

    public IReadOnlyList<JsonElement> For(Guid jobId) =>
        messages.Where(m => m.GetProperty("jobId").GetGuid() == jobId).ToList();

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await connection.CloseAsync();
        channel.Dispose();
        connection.Dispose();
    }
}
