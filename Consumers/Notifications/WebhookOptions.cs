using System.ComponentModel.DataAnnotations;

namespace PosterGen.Consumers.Notifications;

/// <summary>Section <c>Webhooks</c>: signing, time limits and retries of the jobs' webhooks.</summary>
public class WebhookOptions
{
    public const string SectionName = "Webhooks";
    public const string SecretPrefix = "whsec_";

    /// <summary>
    /// The Standard Webhooks secret, <c>whsec_</c> and base64 of at least 24 random bytes. Without
    /// it requests naming a <c>webhook_url</c> are refused. Never logged.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>How long a receiver has to answer an attempt.</summary>
    [Range(1, 60, ErrorMessage = "Webhooks:TimeoutSeconds must be between 1 and 60.")]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts per event before it is given up (a redeliver allows as many again).</summary>
    [Range(1, 20, ErrorMessage = "Webhooks:MaxAttempts must be between 1 and 20.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the first retry; each later one waits four times longer, up to six hours.</summary>
    [Range(1, 10, ErrorMessage = "Webhooks:FirstRetrySeconds must be between 1 and 10.")]
    public int FirstRetrySeconds { get; set; } = 5;

    /// <summary>
    /// Lets webhooks reach loopback, link-local and private addresses, for a receiver on the same
    /// host or network. Off: a URL whose host resolves there is refused, at submit and at each attempt.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>Whether <see cref="SigningSecret"/> is absent or well-formed; the message never repeats it.</summary>
    public bool HasUsableSecret()
    {
        if (!IsEnabled) return true;
        if (!SigningSecret!.StartsWith(SecretPrefix, StringComparison.Ordinal)) return false;
        var key = new byte[SigningSecret.Length];
        return Convert.TryFromBase64String(SigningSecret[SecretPrefix.Length..], key, out var length) && length >= 24;
    }
}
