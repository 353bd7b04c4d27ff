using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes;

namespace Survey.Definitions;

/// <summary>The valid surveys of a folder, and every problem found in any of its files.</summary>
public sealed record SurveyCatalogResult(IReadOnlyList<SurveyDefinition> Surveys, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Diagnostics.Count == 0;
}

/// <summary>Loads all survey files of a folder and checks what no single file can: unique ids and file names that match them.</summary>
public static class SurveyCatalog
{
    /// <summary>Files named <c>*.targets.yaml</c> hold population targets, not surveys.</summary>
    public const string TargetsSuffix = ".targets.yaml";

    /// <summary>Every <c>*.yaml</c> file directly in <paramref name="directory"/>, except targets files, in name order.</summary>
    public static SurveyCatalogResult LoadDirectory(string directory, QuestionTypeRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return new SurveyCatalogResult([], [new Diagnostic(new SourceLocation(directory, 1, 1), "the survey folder does not exist")]);
        }
        return LoadFiles(SurveyFiles(directory), registry);
    }

    /// <summary>Survey files: <c>*.yaml</c> directly in the folder only, so subfolders such as <c>shared/</c>
    /// (nationality mapping, see <see cref="Targets.TargetsCatalog"/>) are never read as surveys.</summary>
    public static IReadOnlyList<string> SurveyFiles(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.yaml", SearchOption.TopDirectoryOnly)
            .Where(f => !f.EndsWith(TargetsSuffix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];

    public static SurveyCatalogResult LoadFiles(IEnumerable<string> paths, QuestionTypeRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var surveys = new List<SurveyDefinition>();
        var diagnostics = new List<Diagnostic>();
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var result = SurveyLoader.LoadFile(path, registry);
            diagnostics.AddRange(result.Diagnostics);
            if (result.Survey is not { } survey)
            {
                continue;
            }
            var ok = true;
            var expected = survey.Id + ".yaml";
            if (!string.Equals(Path.GetFileName(path), expected, StringComparison.Ordinal))
            {
                diagnostics.Add(new Diagnostic(new SourceLocation(path, 1, 1), $"the file of survey '{survey.Id}' must be named '{expected}'"));
                ok = false;
            }
            if (byId.TryGetValue(survey.Id, out var first))
            {
                diagnostics.Add(new Diagnostic(new SourceLocation(path, 1, 1), $"survey id '{survey.Id}' is also used by {first}"));
                ok = false;
            }
            else
            {
                byId[survey.Id] = path;
            }
            if (ok)
            {
                surveys.Add(survey);
            }
        }
        return new SurveyCatalogResult(surveys, diagnostics);
    }
}
