namespace PosterGen.Tests;

/// <summary>The repository checkout the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "PosterGen.sln")))
                return folder.FullName;
        throw new InvalidOperationException("The repository root (PosterGen.sln) was not found above " + AppContext.BaseDirectory);
    }
}
