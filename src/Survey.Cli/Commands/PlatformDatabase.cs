using System.Text.Json;

namespace Survey.Cli.Commands;

/// <summary>
/// The SQLite file the platform uses, found the way the platform finds it: the <c>Survey:DatabasePath</c> setting (the
/// <c>Survey__DatabasePath</c> environment variable, else <c>src/Survey.Web/appsettings.json</c>), relative to
/// <c>src/Survey.Web</c>, the platform's content root under <c>dotnet run --project src/Survey.Web</c>. The repository is
/// found by walking up from the current folder, so the command works from any folder inside it.
/// </summary>
internal static class PlatformDatabase
{
    private static readonly string WebProject = Path.Combine("src", "Survey.Web");

    /// <summary>The full path of the platform's database file, or null when no platform is found above <paramref name="folder"/>.</summary>
    /// <param name="folder">Where to start looking (the current folder).</param>
    /// <param name="configured">The value of <c>Survey__DatabasePath</c>, if set.</param>
    public static string? Find(string folder, string? configured)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
        {
            var contentRoot = Path.Combine(dir.FullName, WebProject);
            var settings = Path.Combine(contentRoot, "appsettings.json");
            if (File.Exists(settings))
            {
                var path = string.IsNullOrWhiteSpace(configured) ? Setting(settings) : configured;
                return path is null ? null : Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
            }
        }
        return null;
    }

    private static string? Setting(string settingsFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(settingsFile), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return json.RootElement.TryGetProperty("Survey", out var survey) && survey.TryGetProperty("DatabasePath", out var path)
            ? path.GetString()
            : null;
    }
}
