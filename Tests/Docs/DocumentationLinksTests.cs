using System.Text.RegularExpressions;

namespace PosterGen.Tests.Docs;

/// <summary>
/// The README and docs/ link only to files of the repository (a clone has nothing else), and every
/// link, anchors included, arrives somewhere.
/// </summary>
public partial class DocumentationLinksTests
{
    private static IEnumerable<string> Documents() =>
        new[] { Path.Combine(Repository.Root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Order());

    [Test]
    public void The_readme_links_every_document_in_docs()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var documents = Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Select(Path.GetFileName);

        Assert.That(documents, Is.SupersetOf(new[] { "architecture.md", "http-api.md", "configuration.md", "database.md", "runbook.md", "lifecycle.md", "events.md" }));
        Assert.That(documents.Where(d => !readme.Contains($"](docs/{d})")), Is.Empty, "documents the README does not link");
    }

    [Test]
    public void Every_link_names_a_file_of_the_repository_and_an_anchor_it_has()
    {
        var broken = new List<string>();
        var links = 0;
        foreach (var document in Documents())
        {
            var name = Path.GetRelativePath(Repository.Root, document);
            foreach (Match link in Link().Matches(File.ReadAllText(document)))
            {
                var target = link.Groups["target"].Value;
                links++;
                if (target.StartsWith("http://") || target.StartsWith("https://"))
                {
                    broken.Add($"{name}: {target} is outside the repository");
                    continue;
                }
                var (file, anchor) = target.Split('#', 2) is [var f, var a] ? (f, a) : (target, null);
                var path = file.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, file));
                if (!path.StartsWith(Repository.Root + Path.DirectorySeparatorChar) || !File.Exists(path))
                    broken.Add($"{name}: {target} is not a file of the repository");
                else if (anchor is not null && !Anchors(path).Contains(anchor))
                    broken.Add($"{name}: {target} names no heading of {Path.GetFileName(path)}");
            }
        }
        Assert.That(links, Is.GreaterThan(20), "the links were read");
        Assert.That(broken, Is.Empty);
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        File.ReadLines(markdown).Where(l => l.StartsWith('#'))
            .Select(l => NotInAnchor().Replace(l.TrimStart('#').Trim().ToLowerInvariant(), "").Replace(' ', '-'))
            .ToHashSet();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"[^\p{L}\p{N} _-]")]
    private static partial Regex NotInAnchor();
}
