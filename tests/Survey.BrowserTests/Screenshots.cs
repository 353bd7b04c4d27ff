using Microsoft.Playwright;
using Survey.Testing;

namespace Survey.BrowserTests;

/// <summary>Full-page PNGs for a human to look at, in <c>tests/Survey.BrowserTests/bin/screenshots/</c> (not committed).</summary>
internal static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "tests", "Survey.BrowserTests", "bin", "screenshots");

    /// <summary>The whole page, or with <paramref name="fullPage"/> false only the window (a very long page at 320 px is slow to capture).</summary>
    public static async Task SaveAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(Folder);
        // A long page (the results) takes seconds to capture on a busy machine: more than the 10 s meant for page actions.
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = fullPage, Timeout = 60_000 });
    }
}
