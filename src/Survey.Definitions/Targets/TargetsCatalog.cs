using Survey.Definitions.Model;
using Survey.Definitions.Nationality;

namespace Survey.Definitions.Targets;

/// <summary>The valid targets files of a folder (at most one per survey), the nationality mapping, and every problem found.</summary>
public sealed record TargetsCatalogResult(IReadOnlyList<PopulationTargets> Targets, NationalityGroups? Groups, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Diagnostics.Count == 0;

    /// <summary>The targets of a survey, or null when it has none (targets are optional).</summary>
    public PopulationTargets? For(string surveyId) => Targets.FirstOrDefault(t => t.SurveyId == surveyId);
}

/// <summary>
/// Loads the population targets next to the surveys: <c>&lt;id&gt;.targets.yaml</c> for survey <c>&lt;id&gt;</c> (optional per
/// survey), checked against that survey and against <c>shared/nationality-groups.yaml</c>. A targets file without a survey
/// file is an error.
/// </summary>
public static class TargetsCatalog
{
    /// <summary>Every <c>*.targets.yaml</c> file directly in <paramref name="directory"/>, in name order.</summary>
    public static IReadOnlyList<string> TargetsFiles(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*" + SurveyCatalog.TargetsSuffix).Order(StringComparer.Ordinal)];

    /// <summary>The mapping file of a surveys folder: <c>&lt;directory&gt;/shared/nationality-groups.yaml</c>.</summary>
    public static string GroupsFile(string directory) => Path.Combine(directory, NationalityGroups.RelativePath);

    /// <param name="directory">The surveys folder.</param>
    /// <param name="surveys">The valid surveys of that folder (from <see cref="SurveyCatalog.LoadDirectory"/>).</param>
    public static TargetsCatalogResult LoadDirectory(string directory, IEnumerable<SurveyDefinition> surveys)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(surveys);
        if (!Directory.Exists(directory))
        {
            return new TargetsCatalogResult([], null, [new Diagnostic(new SourceLocation(directory, 1, 1), "the survey folder does not exist")]);
        }
        var diagnostics = new List<Diagnostic>();
        NationalityGroups? groups = null;
        var groupsFile = GroupsFile(directory);
        if (File.Exists(groupsFile))
        {
            var loaded = NationalityGroups.LoadFile(groupsFile);
            diagnostics.AddRange(loaded.Diagnostics);
            groups = loaded.Groups;
        }
        var result = LoadFiles(TargetsFiles(directory), surveys, groups);
        return result with { Diagnostics = [.. diagnostics, .. result.Diagnostics] };
    }

    /// <summary>Checks each targets file against the survey with the id in its name, looked up in <paramref name="surveys"/>.
    /// When that survey is not among them but its file exists (it has errors of its own), only the survey-independent rules apply.</summary>
    public static TargetsCatalogResult LoadFiles(IEnumerable<string> paths, IEnumerable<SurveyDefinition> surveys, NationalityGroups? groups)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(surveys);
        var byId = new Dictionary<string, SurveyDefinition>(StringComparer.Ordinal);
        foreach (var survey in surveys)
        {
            byId.TryAdd(survey.Id, survey);
        }
        var targets = new List<PopulationTargets>();
        var diagnostics = new List<Diagnostic>();
        foreach (var path in paths)
        {
            var id = TargetsLoader.SurveyIdOf(path);
            var survey = byId.GetValueOrDefault(id);
            var surveyFile = Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, id + ".yaml");
            if (survey is null && !File.Exists(surveyFile))
            {
                diagnostics.Add(new Diagnostic(new SourceLocation(path, 1, 1), $"there is no survey '{id}' for these targets (expected {id}.yaml next to this file)"));
            }
            var result = TargetsLoader.LoadFile(path, survey, groups);
            diagnostics.AddRange(result.Diagnostics);
            if (result.Targets is not { } loaded)
            {
                continue;
            }
            var ok = survey is not null;
            if (groups is null)
            {
                foreach (var margin in loaded.Margins.Where(m => m.DerivedFrom is not null))
                {
                    diagnostics.Add(new Diagnostic(new SourceLocation(path, 1, 1),
                        $"margin '{margin.Variable}' is derived with grouping '{margin.DerivedFrom!.Grouping}', but there is no nationality mapping {NationalityGroups.RelativePath.Replace('\\', '/')} next to this file"));
                    ok = false;
                }
            }
            if (ok)
            {
                targets.Add(loaded);
            }
        }
        return new TargetsCatalogResult(targets, groups, diagnostics);
    }
}
