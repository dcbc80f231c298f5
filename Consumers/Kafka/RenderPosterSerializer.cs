using System.Globalization;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using PosterGen.Contracts;

namespace PosterGen.Consumers.Kafka;

/// <summary>
/// <see cref="RenderPoster"/> on the render topic: camelCase JSON as MassTransit's System.Text.Json
/// serializer writes it, a <c>message-type</c> header in MassTransit's URN form, and the key
/// <c>{jobId}:{itemIndex}</c> (see <see cref="KafkaRenderQueue"/> for why).
/// </summary>
internal static class RenderPosterSerializer
{
    public const string MessageType = "urn:message:PosterGen.Contracts:RenderPoster";
    private const string ContentType = "application/json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // A message missing a field or carrying null where the record forbids it is undecodable,
        // not a poster with a silently empty template key.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static Message<byte[]?, byte[]?> ToMessage(RenderPoster poster) => new()
    {
        Key = Encoding.UTF8.GetBytes($"{poster.JobId}:{poster.ItemIndex}"),
        Value = JsonSerializer.SerializeToUtf8Bytes(poster, Json),
        Headers = new Headers
        {
            { KafkaHeaderNames.MessageType, Encoding.UTF8.GetBytes(MessageType) },
            { KafkaHeaderNames.ContentType, Encoding.UTF8.GetBytes(ContentType) },
        },
    };

    /// <summary>Reads a poster, or says why the message is not one.</summary>
    public static bool TryRead(Message<byte[]?, byte[]?> message, [NotNullWhen(true)] out RenderPoster? poster, [NotNullWhen(false)] out string? error)
    {
        poster = null;
        var type = Header(message, KafkaHeaderNames.MessageType);
        if (type is not null && type != MessageType)
            error = $"message type '{type}' is not {MessageType}";
        else if (message.Value is null or { Length: 0 })
            error = "the message has no value";
        else
        {
            try
            {
                poster = JsonSerializer.Deserialize<RenderPoster>(message.Value, Json);
                error = poster switch
                {
                    null => "the value is JSON null",
                    { JobId: var id } when id == Guid.Empty => "jobId is empty",
                    { ItemIndex: < 0 } => "itemIndex is negative",
                    { TemplateKey: "" } => "templateKey is empty",
                    { Data.ValueKind: not JsonValueKind.Object } => "data is not a JSON object",
                    _ => null,
                };
            }
            catch (JsonException exception)
            {
                error = $"invalid JSON: {exception.Message}";
            }
        }
        if (error is not null)
            poster = null;
        return poster is not null;
    }

    /// <summary>
    /// The job id and item index of a message that did not decode: from its JSON when it gets that
    /// far, else from the <c>{jobId}:{itemIndex}</c> key, so the item can still be recorded as failed.
    /// </summary>
    public static (Guid? JobId, int? ItemIndex) Identify(Message<byte[]?, byte[]?> message)
    {
        var fromValue = IdentifyValue(message.Value);
        if (fromValue is (not null, not null) || message.Key is null)
            return fromValue;
        var key = Encoding.UTF8.GetString(message.Key).Split(':');
        return key.Length == 2 && Guid.TryParse(key[0], out var jobId)
            && int.TryParse(key[1], NumberStyles.None, CultureInfo.InvariantCulture, out var itemIndex)
            ? (jobId, itemIndex)
            : fromValue;
    }

    private static (Guid? JobId, int? ItemIndex) IdentifyValue(byte[]? value)
    {
        if (value is null)
            return (null, null);
        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, null);
            Guid? jobId = root.TryGetProperty("jobId", out var id) && id.ValueKind == JsonValueKind.String && id.TryGetGuid(out var guid) ? guid : null;
            int? itemIndex = root.TryGetProperty("itemIndex", out var index) && index.ValueKind == JsonValueKind.Number
                && index.TryGetInt32(out var number) ? number : null;
            return (jobId, itemIndex);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Header(Message<byte[]?, byte[]?> message, string name) =>
        message.Headers is not null && message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
