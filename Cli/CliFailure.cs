namespace PosterGen.Cli;

/// <summary>A failure the user can act on, with the reason already worded for them.</summary>
public class CliFailure(string message) : Exception(message);
