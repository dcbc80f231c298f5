namespace PosterGen.Bench.Saga;

/// <summary>The baseline's message: the shape of an outcome, consumed by nobody but the benchmark.</summary>
public record BaselineOutcome(Guid JobId, int ItemIndex);
