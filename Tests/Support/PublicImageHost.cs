using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace PosterGen.Tests.Support;

/// <summary>
/// An https image host on a public address, standing in for a CDN on the internet, which these
/// machines cannot reach. <see cref="Address"/> is put on this machine's loopback device while the
/// host runs (that needs root, as the test script has). Its certificate comes from a CA of its own,
/// trusted only by a process given <see cref="CaFile"/> as <c>SSL_CERT_FILE</c>, the way a
/// deployment trusts a private CA.
/// </summary>
public sealed class PublicImageHost : IAsyncDisposable
{
    /// <summary>In 11.0.0.0/8: public, so the fetcher's address check lets it through.</summary>
    public const string Address = "11.0.0.1";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> requests;
    private readonly string directory;

    private PublicImageHost(WebApplication app, ConcurrentDictionary<string, int> requests, string directory)
    {
        this.app = app;
        this.requests = requests;
        this.directory = directory;
    }

    /// <summary>The CA certificate (PEM) the host's certificate chains to.</summary>
    public string CaFile => Path.Combine(directory, "ca.pem");

    public Uri BaseAddress => new(app.Urls.Single());

    /// <summary>How many requests came for <paramref name="path"/>.</summary>
    public int Requests(string path) => requests.GetValueOrDefault(path);

    public static async Task<PublicImageHost> StartAsync(Action<IEndpointRouteBuilder> routes)
    {
        RunIp("addr", "add", $"{Address}/32", "dev", "lo");
        var directory = Directory.CreateTempSubdirectory("postergen-image-host").FullName;
        var certificate = IssueCertificate(Path.Combine(directory, "ca.pem"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(Address), 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var requests = new ConcurrentDictionary<string, int>();
        app.Use(async (context, next) =>
        {
            requests.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, count) => count + 1);
            await next(context);
        });
        routes(app);
        await app.StartAsync();
        return new PublicImageHost(app, requests, directory);
    }

    /// <summary>A throwaway CA, written to <paramref name="caFile"/>, and a certificate it issues for <see cref="Address"/>.</summary>
    private static X509Certificate2 IssueCertificate(string caFile)
    {
        var validFrom = DateTimeOffset.UtcNow.AddDays(-1);
        var validTo = DateTimeOffset.UtcNow.AddDays(1);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=PosterGen test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(validFrom, validTo);
        File.WriteAllText(caFile, ca.ExportCertificatePem());

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={Address}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Parse(Address));
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(ca, validFrom, validTo, RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12, so that Kestrel gets a certificate whose key it can use for TLS.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static void RunIp(params string[] arguments)
    {
        using var ip = Process.Start(new ProcessStartInfo("ip", arguments) { RedirectStandardError = true })!;
        var error = ip.StandardError.ReadToEnd();
        ip.WaitForExit();
        // "File exists": left on lo by an earlier run that was killed, and just as usable.
        if (ip.ExitCode != 0 && !error.Contains("File exists", StringComparison.Ordinal))
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed (the test needs root): {error}");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        RunIp("addr", "del", $"{Address}/32", "dev", "lo");
        Directory.Delete(directory, recursive: true);
    }
}
