namespace PosterGen.Tests.Support;

/// <summary>Polls a condition that the system under test makes true in its own time.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, Func<string>? explain = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not reached within {within}.\n{explain?.Invoke()}");
            await Task.Delay(100);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan within, Func<string>? explain = null) =>
        HoldsAsync(() => Task.FromResult(condition()), within, explain);
}
