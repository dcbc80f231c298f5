namespace PosterGen.Contracts;

/// <summary>The job was cancelled; counts are those reached before cancellation.</summary>
public record JobCancelled(
    Guid JobId,
    int Total,
    int Succeeded,
    int Failed,
    DateTimeOffset CancelledAt);
