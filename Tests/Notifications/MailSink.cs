using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace PosterGen.Tests.Notifications;

/// <summary>An SMTP server of the test's own (netDumbster) on a loopback port; every message it took, parsed.</summary>
public sealed class MailSink : IDisposable
{
    private readonly SimpleSmtpServer server;

    private MailSink(SimpleSmtpServer server) => this.server = server;

    public static MailSink Start(int port) => new(SimpleSmtpServer.Start(port));

    public IReadOnlyList<MimeMessage> Messages =>
        server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();

    public void Dispose() => server.Dispose();
}
