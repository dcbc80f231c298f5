using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PosterGen.Consumers.Notifications;

public static class NotificationsExtensions
{
    /// <summary>
    /// Job notifications: the options every role validates (the api refuses targets it cannot serve),
    /// the webhook address policy, and, where <paramref name="sends"/> (the saga role, which also
    /// records the deliveries), the webhook and email senders.
    /// </summary>
    public static IHostApplicationBuilder AddJobNotifications(this IHostApplicationBuilder builder, bool sends)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.HasUsableSecret(), "Webhooks:SigningSecret must be 'whsec_' followed by the base64 of at least 24 bytes.")
            .ValidateOnStart();
        builder.Services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.HasUsableFrom(), "Email:From must be a mail address (e.g. 'PosterGen <posters@example.com>') when Email:SmtpHost is set.")
            .Validate(o => o.HasCompleteLogin(), "Email:User and Email:Password go together: set both or neither.")
            .ValidateOnStart();
        builder.Services.AddSingleton<WebhookAddressPolicy>();
        if (sends)
        {
            builder.Services.AddHostedService<WebhookSender>();
            builder.Services.AddHostedService<EmailSender>();
        }
        return builder;
    }
}
