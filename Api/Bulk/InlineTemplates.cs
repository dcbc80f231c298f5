using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PosterGen.Api.Models;
using PosterGen.Api.Templates;
using PosterGen.Persistence;

namespace PosterGen.Api.Bulk;

/// <summary>
/// Templates sent inline with a request (seed 002's csvTemplate), stored as template versions like
/// any other. The key is derived from the HTML and size, so the same HTML is one version however
/// often it is sent.
/// </summary>
public class InlineTemplates(PosterGenDbContext db, TemplateStore templates)
{
    public async Task<string> EnsureAsync(string html, string size, CancellationToken cancellationToken)
    {
        var key = KeyFor(html, size);
        if (await templates.ExistsAsync(key, cancellationToken))
            return key;
        try
        {
            await templates.AddVersionAsync(key, new UploadTemplateRequest(key, "Inline bulk template", html, null, null, null,
                SetAsActive: true, Preset: size), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Sent twice at once: the other request stored the same version first.
            db.ChangeTracker.Clear();
            if (!await templates.ExistsAsync(key, cancellationToken)) throw;
        }
        return key;
    }

    public static string KeyFor(string html, string size) =>
        "inline-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{size}\n{html}")))[..16];
}
