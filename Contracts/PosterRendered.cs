namespace PosterGen.Contracts;

/// <summary>A poster was rendered and stored. May be delivered more than once; the saga counts it once.</summary>
/// <param name="JobId">The job.</param>
/// <param name="ItemIndex">Zero-based item position.</param>
/// <param name="EntityId">The client's id for the item, if it gave one.</param>
/// <param name="Url">Where the poster can be fetched; relative (<c>/posters/...</c>) for local storage.</param>
/// <param name="GenerationTimeMs">Time spent rendering and storing, in milliseconds.</param>
/// <param name="CacheHit">True when an identical poster was already stored and no rendering happened.</param>
/// <param name="RenderedAt">When the result was recorded.</param>
public record PosterRendered(
    Guid JobId,
    int ItemIndex,
    string? EntityId,
    string Url,
    long GenerationTimeMs,
    bool CacheHit,
    DateTimeOffset RenderedAt);
