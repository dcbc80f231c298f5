namespace PosterGen.Api.Auth;

/// <summary>Section <c>Auth</c>.</summary>
public class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// Every <c>/api</c> route needs a key even while none exists (so nothing is served until one is made).
    /// Otherwise keys are needed as soon as the first one is created, and the service is open before.
    /// </summary>
    public bool Required { get; set; }
}
