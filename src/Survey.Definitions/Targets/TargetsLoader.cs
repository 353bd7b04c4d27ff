using Survey.Definitions.Loading;
using Survey.Definitions.Model;
using Survey.Definitions.Nationality;

namespace Survey.Definitions.Targets;

/// <summary>
/// Reads a population targets file (<c>surveys/&lt;id&gt;.targets.yaml</c>, format: <c>surveys/README.md</c>, "Population
/// targets") and checks it completely. Never throws on bad input. Without <c>survey</c> the rules that need the survey
/// (background variables, option codes) are skipped; without <c>groups</c> those that need the nationality mapping are.
/// </summary>
public static class TargetsLoader
{
    public static TargetsLoadResult LoadFile(string path, SurveyDefinition? survey = null, NationalityGroups? groups = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new TargetsLoadResult(null, [new Diagnostic(new SourceLocation(path, 1, 1), $"cannot read the file: {ex.Message}")]);
        }
        return Load(text, path, survey, groups);
    }

    /// <summary>Loads targets text; <paramref name="fileName"/> is used in diagnostics and kept as <see cref="PopulationTargets.SourceFile"/>, as given.</summary>
    public static TargetsLoadResult Load(string yamlText, string fileName, SurveyDefinition? survey = null, NationalityGroups? groups = null)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        var diagnostics = new DiagnosticBag(fileName);
        PopulationTargets? targets = null;
        try
        {
            var root = YamlText.ReadSingleDocument(yamlText, diagnostics, "the file is empty; a targets file has 'total:' and 'margins:'");
            if (root is not null)
            {
                targets = new TargetsReader(diagnostics, survey, groups).Read(root, survey?.Id ?? SurveyIdOf(fileName));
            }
        }
#pragma warning disable CA1031 // A bug in a check must not stop the platform from listing the file's problems.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            diagnostics.AddAt(1, 1, $"internal error while checking this file ({ex.GetType().Name}: {ex.Message}); please report it");
        }
        var list = diagnostics.Sorted();
        return new TargetsLoadResult(list.Count == 0 ? targets : null, list);
    }

    /// <summary>The survey id a targets file belongs to, from its name: <c>stadsenquete.targets.yaml</c> → <c>stadsenquete</c>.</summary>
    public static string SurveyIdOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        return name.EndsWith(SurveyCatalog.TargetsSuffix, StringComparison.OrdinalIgnoreCase) ? name[..^SurveyCatalog.TargetsSuffix.Length]
            : Path.GetFileNameWithoutExtension(name);
    }
}
