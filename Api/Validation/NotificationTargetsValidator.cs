using FluentValidation;
using Microsoft.Extensions.Options;
using MimeKit;
using PosterGen.Api.Models;
using PosterGen.Consumers.Notifications;

namespace PosterGen.Api.Validation;

/// <summary>
/// <c>webhook_url</c> and <c>notify_email</c>, wherever a job is requested: refused when this
/// service cannot honour them (no signing secret, no SMTP server), when the URL is not http(s) or
/// reaches a loopback, link-local or private address, or when the address is not one mail can go to.
/// </summary>
public class NotificationTargetsValidator : AbstractValidator<INotificationTargets>
{
    public const int MaxUrlLength = 2048;
    public const int MaxEmailLength = 320;

    public NotificationTargetsValidator(WebhookAddressPolicy addresses, IOptions<WebhookOptions> webhooks, IOptions<EmailOptions> email)
    {
        RuleFor(x => x.WebhookUrl).Cascade(CascadeMode.Stop)
            .Must(_ => webhooks.Value.IsEnabled)
            .WithMessage("This service sends no webhooks: Webhooks:SigningSecret is not configured.")
            .MaximumLength(MaxUrlLength)
            .CustomAsync(async (url, context, cancellationToken) =>
            {
                if (await addresses.RefuseAsync(url!, cancellationToken) is { } reason)
                    context.AddFailure(reason);
            })
            .When(x => x.WebhookUrl is not null);
        RuleFor(x => x.NotifyEmail).Cascade(CascadeMode.Stop)
            .Must(_ => email.Value.IsEnabled)
            .WithMessage("This service sends no email: Email:SmtpHost is not configured.")
            .MaximumLength(MaxEmailLength)
            .Must(BeOneMailAddress).WithMessage("notify_email must be one mail address, e.g. 'ops@example.com'.")
            .When(x => x.NotifyEmail is not null);
    }

    private static bool BeOneMailAddress(string? text) =>
        MailboxAddress.TryParse(text, out var address) && address.Address == text!.Trim() && address.Address.Contains('@')
        && !address.Address.StartsWith('@') && !address.Address.EndsWith('@');
}
