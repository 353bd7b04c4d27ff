using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Definitions;
using Survey.Definitions.Model;

namespace Survey.Cli.Commands.Paper;

/// <summary>
/// What the paper commands (<c>sample import</c>, <c>sample draw</c>, <c>letters</c>) share: the platform's database
/// (<see cref="PlatformDatabase"/>, or <c>--database</c>), its surveys and locales folders and public address (the
/// <c>Survey:SurveysPath</c>, <c>Survey:LocalesPath</c> and <c>Survey:PublicUrl</c> settings of
/// <c>src/Survey.Web/appsettings.json</c>, or <c>--surveys</c>, <c>--locales</c>, <c>--public-url</c>), and the day in
/// Leiden.
/// </summary>
internal sealed class PaperContext
{
    private static readonly string WebProject = Path.Combine("src", "Survey.Web");

    public required string Command { get; init; }

    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required TimeProvider Clock { get; init; }

    /// <summary>Where the platform is looked for when a path is not given.</summary>
    public required string CurrentFolder { get; init; }

    public DateOnly Today()
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            zone = TimeZoneInfo.Utc;
        }
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), zone).DateTime);
    }

    /// <summary>Writes <c>survey COMMAND: message</c> on standard error and returns <paramref name="exit"/>.</summary>
    public int Fail(string message, int exit = 1)
    {
        Error.WriteLine($"survey {Command}: {message}");
        return exit;
    }

    /// <summary>The database file (which must exist), or null after reporting why not.</summary>
    public string? Database(string? given)
    {
        var database = given ?? PlatformDatabase.Find(CurrentFolder, CommandDatabase.Configured);
        if (database is null)
        {
            Fail($"no platform found in or above {Path.GetFullPath(CurrentFolder)} (looked for src/Survey.Web/appsettings.json); give the database file with --database PATH", 2);
            return null;
        }
        database = Path.GetFullPath(database);
        if (!File.Exists(database))
        {
            Fail($"no database at '{database}' (start the platform once to create it, or give its path with --database)");
            return null;
        }
        return database;
    }

    public static Task<SurveyDbContext> OpenAsync(string database) => CommandDatabase.OpenAsync(database);

    /// <summary>A platform setting (<c>Survey:NAME</c>): the given value, else the environment, else appsettings.json; a
    /// path made absolute against the platform's content root. Null when neither is found.</summary>
    public string? Setting(string? given, string name, bool isPath)
    {
        if (given is not null)
        {
            return isPath ? Path.GetFullPath(given) : given;
        }
        for (var dir = new DirectoryInfo(Path.GetFullPath(CurrentFolder)); dir is not null; dir = dir.Parent)
        {
            var contentRoot = Path.Combine(dir.FullName, WebProject);
            var settings = Path.Combine(contentRoot, "appsettings.json");
            if (!File.Exists(settings))
            {
                continue;
            }
            var value = Environment.GetEnvironmentVariable("Survey__" + name);
            if (string.IsNullOrWhiteSpace(value))
            {
                using var json = JsonDocument.Parse(File.ReadAllText(settings), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                value = json.RootElement.TryGetProperty("Survey", out var survey) && survey.TryGetProperty(name, out var v) ? v.GetString() : null;
            }
            if (value is null)
            {
                return null;
            }
            return isPath ? Path.GetFullPath(Path.IsPathRooted(value) ? value : Path.Combine(contentRoot, value)) : value;
        }
        return null;
    }

    /// <summary>The survey <paramref name="id"/> from the surveys folder, or null after reporting why not.</summary>
    public SurveyDefinition? Survey(string? surveysGiven, string id)
    {
        var folder = Setting(surveysGiven, "SurveysPath", isPath: true);
        if (folder is null)
        {
            Fail("no surveys folder found; give it with --surveys DIR", 2);
            return null;
        }
        var catalog = SurveyCatalog.LoadDirectory(folder);
        var survey = catalog.Surveys.FirstOrDefault(s => s.Id == id);
        if (survey is null)
        {
            var known = string.Join(", ", catalog.Surveys.Select(s => s.Id));
            Fail($"unknown survey '{id}' (surveys in {folder}: {(known.Length == 0 ? "none" : known)})");
        }
        return survey;
    }

    /// <summary>Options of the form <c>--name value</c> and flags, or null after reporting a usage error.</summary>
    public Dictionary<string, string>? Parse(string[] args, string usage, IReadOnlySet<string> valued, IReadOnlySet<string> flags, List<string> positional)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (valued.Contains(arg) && i + 1 < args.Length && !result.ContainsKey(arg))
            {
                result[arg] = args[++i];
            }
            else if (flags.Contains(arg) && !result.ContainsKey(arg))
            {
                result[arg] = "true";
            }
            else if (!arg.StartsWith('-') && positional.Count == 0)
            {
                positional.Add(arg);
            }
            else
            {
                Fail($"unexpected argument '{arg}'", 2);
                Error.WriteLine(usage);
                return null;
            }
        }
        return result;
    }
}
