using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace PosterGen.Consumers.Notifications;

/// <summary>Section <c>Email</c>: the SMTP server completion emails go through. Without a host, <c>notify_email</c> is refused.</summary>
public class EmailOptions
{
    public const string SectionName = "Email";

    public string? SmtpHost { get; set; }

    [Range(1, 65535, ErrorMessage = "Email:SmtpPort must be between 1 and 65535.")]
    public int SmtpPort { get; set; } = 587;

    /// <summary>The sender, e.g. <c>PosterGen &lt;posters@example.com&gt;</c>; required with a host.</summary>
    public string? From { get; set; }

    /// <summary>Login, with <see cref="Password"/>; none by default.</summary>
    public string? User { get; set; }

    /// <summary>Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>TLS to the server: implicit on port 465, STARTTLS (required) on any other. Off only for a server on a trusted network.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>How long one SMTP exchange may take.</summary>
    [Range(1, 300, ErrorMessage = "Email:TimeoutSeconds must be between 1 and 300.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Attempts per email before it is given up; retried with the webhooks' backoff.</summary>
    [Range(1, 20, ErrorMessage = "Email:MaxAttempts must be between 1 and 20.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the first retry; each later one waits four times longer, up to six hours.</summary>
    [Range(1, 60, ErrorMessage = "Email:FirstRetrySeconds must be between 1 and 60.")]
    public int FirstRetrySeconds { get; set; } = 5;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(SmtpHost);

    public bool HasUsableFrom() => !IsEnabled || (From is not null && MailboxAddress.TryParse(From, out _));

    public bool HasCompleteLogin() => string.IsNullOrEmpty(User) == string.IsNullOrEmpty(Password);
}
