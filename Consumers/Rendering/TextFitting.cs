using PuppeteerSharp;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Text that fits its box: every element marked <c>data-fit</c> gets the largest font size, between
/// <c>data-fit-min</c> (px, 12 by default) and the one its styles give it, at which its content
/// overflows neither its width nor its height. One page evaluation before capture, a binary search
/// over the size per element (eight layouts or so), only on pages that use <c>data-fit</c>. The
/// content must take its size from the element (inherited or in em) to shrink with it.
/// </summary>
public static class TextFitting
{
    public const string Attribute = "data-fit";
    public const int DefaultMinimumPx = 12;

    /// <summary>What an element that overflows even at its minimum size adds to the result's warnings.</summary>
    public const string OverflowWarning = "text_overflow";

    // Overflow is measured on the element itself: its scroll box grows past its client box when its
    // content does not fit, whatever its overflow style. Sizes are searched to a quarter pixel.
    private const string FitScript = """
        (defaultMinimum) => {
          const overflows = el => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
          const pathOf = el => {
            const parts = [];
            for (let at = el; at && at !== document.documentElement; at = at.parentElement) {
              if (at.id) { parts.unshift('#' + CSS.escape(at.id)); break; }
              const same = Array.from(at.parentElement.children).filter(c => c.tagName === at.tagName);
              const tag = at.tagName.toLowerCase();
              parts.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(at) + 1})` : tag);
            }
            return parts.join(' > ');
          };
          const overflowing = [];
          for (const el of document.querySelectorAll('[data-fit]')) {
            if (!overflows(el)) continue;
            const declared = parseFloat(el.getAttribute('data-fit-min'));
            let low = Number.isFinite(declared) && declared > 0 ? declared : defaultMinimum;
            let high = parseFloat(getComputedStyle(el).fontSize);
            if (low >= high) low = high;
            el.style.fontSize = low + 'px';
            if (overflows(el)) { overflowing.push(pathOf(el)); continue; }
            while (high - low > 0.25) {
              const middle = (low + high) / 2;
              el.style.fontSize = middle + 'px';
              if (overflows(el)) high = middle; else low = middle;
            }
            el.style.fontSize = low + 'px';
          }
          return overflowing;
        }
        """;

    /// <summary>Whether a page can have anything to fit; the others skip the evaluation.</summary>
    public static bool Applies(string? html) => html?.Contains(Attribute, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Fits every marked element of the loaded page; the warnings of those that still overflow.</summary>
    public static async Task<IReadOnlyList<string>> FitAsync(IPage page)
    {
        var overflowing = await page.EvaluateFunctionAsync<string[]>(FitScript, DefaultMinimumPx);
        return overflowing.Select(path => $"{OverflowWarning}: {path}").ToArray();
    }
}
