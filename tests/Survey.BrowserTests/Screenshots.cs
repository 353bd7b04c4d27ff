using Microsoft.Playwright;
using Survey.Testing;

namespace Survey.BrowserTests;

/// <summary>Full-page PNGs for a human to look at, in <c>tests/Survey.BrowserTests/bin/screenshots/</c> (not committed).</summary>
internal static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "tests", "Survey.BrowserTests", "bin", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}
