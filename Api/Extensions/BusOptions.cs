using System.ComponentModel.DataAnnotations;

namespace PosterGen.Api.Extensions;

/// <summary>Section <c>Bus</c>.</summary>
public class BusOptions
{
    public const string SectionName = "Bus";

    /// <summary><c>inmemory</c> (embedded) or <c>rabbitmq</c> (with <c>ConnectionStrings:RabbitMq</c>).</summary>
    [Required, RegularExpression("^(inmemory|rabbitmq)$", ErrorMessage = "Bus:Transport must be 'inmemory' or 'rabbitmq'.")]
    public string Transport { get; set; } = "inmemory";
}
