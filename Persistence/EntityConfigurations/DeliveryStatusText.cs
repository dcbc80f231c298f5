using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PosterGen.Persistence.Notifications;

namespace PosterGen.Persistence.EntityConfigurations;

/// <summary><see cref="DeliveryStatus"/> as the lower-case words support staff type in psql.</summary>
public static class DeliveryStatusText
{
    public static readonly ValueConverter<DeliveryStatus, string> Converter =
        new(status => status.ToString().ToLowerInvariant(), text => Enum.Parse<DeliveryStatus>(text, true));
}
