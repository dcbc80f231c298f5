namespace PosterGen.Consumers.Notifications;

/// <summary>The absolute links a notification carries, made from the address the client submitted the job to.</summary>
public record JobLinks(string Status, string Archive, string Pdf)
{
    public static JobLinks For(string baseUrl, Guid jobId)
    {
        var status = $"{baseUrl.TrimEnd('/')}/api/jobs/{jobId}";
        return new(status, $"{status}/archive", $"{status}/pdf");
    }
}
