namespace PosterGen.Api.Models;

/// <summary>What a job request may ask to be told when the job ends.</summary>
public interface INotificationTargets
{
    /// <summary>Where the final event is POSTed, signed the Standard Webhooks way.</summary>
    string? WebhookUrl { get; }

    /// <summary>Who gets the completion email.</summary>
    string? NotifyEmail { get; }
}
