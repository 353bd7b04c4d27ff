using Survey.Definitions;
using Survey.Definitions.Model;
using Survey.Definitions.Nationality;
using Survey.Definitions.Panel;
using Survey.Definitions.Targets;

namespace Survey.Cli.Commands;

/// <summary>
/// <c>survey validate [paths...]</c>: checks survey files and locale files and prints every problem as
/// <c>file:line:col: error: message</c> on stderr, then one summary line on stdout. A directory named <c>locales</c>
/// (or a file in one) holds locale files; other directories are searched for <c>*.yaml</c> survey files, their
/// <c>*.targets.yaml</c> population targets, <c>shared/nationality-groups.yaml</c> and <c>shared/panel-profile.yaml</c>. A targets file is checked against the
/// survey with the same id in its folder and against the mapping in that folder's <c>shared/</c>; a file in a folder named
/// <c>shared</c> is a nationality mapping. A survey file given on its own brings its <c>&lt;id&gt;.targets.yaml</c> (and so
/// the mapping next to it) along. Exit: 0 clean, 1 errors, 2 usage.
/// </summary>
internal static class ValidateCommand
{
    private const string Usage = "usage: survey validate [paths...]   (default: surveys locales)";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, defaultRoot: null);

    /// <param name="defaultRoot">Where <c>surveys</c> and <c>locales</c> are looked for without paths; null: the current folder, printed relative.</param>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, string? defaultRoot)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Any(a => a is "-h" or "--help"))
        {
            stdout.WriteLine(Usage);
            return 0;
        }
        if (args.FirstOrDefault(a => a.StartsWith('-')) is { } option)
        {
            stderr.WriteLine($"survey validate: unknown option '{option}'");
            stderr.WriteLine(Usage);
            return 2;
        }
        var paths = args.Length > 0 ? args : [Under(defaultRoot, "surveys"), Under(defaultRoot, "locales")];
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        foreach (var path in missing)
        {
            stderr.WriteLine($"survey validate: '{path}' does not exist");
        }
        if (missing.Count > 0)
        {
            return 2;
        }

        var plan = Plan.For(paths);
        var diagnostics = new List<Diagnostic>();
        var surveys = SurveyCatalog.LoadFiles(plan.SurveyFiles);
        diagnostics.AddRange(surveys.Diagnostics);
        var mappings = new Dictionary<string, NationalityGroups?>(StringComparer.Ordinal);
        foreach (var path in plan.GroupsFiles)
        {
            var result = NationalityGroups.LoadFile(path);
            diagnostics.AddRange(result.Diagnostics);
            mappings[Path.GetFullPath(path)] = result.Groups;
        }
        foreach (var path in plan.ProfileFiles)
        {
            diagnostics.AddRange(PanelProfile.LoadFile(path).Diagnostics);
        }
        diagnostics.AddRange(ValidateTargets(plan.TargetsFiles, surveys.Surveys, mappings));
        foreach (var directory in plan.LocaleDirectories)
        {
            diagnostics.AddRange(LocaleCatalog.LoadDirectory(directory).Diagnostics);
        }
        foreach (var group in plan.LocaleFileGroups)
        {
            diagnostics.AddRange(LocaleCatalog.LoadFiles(group).Diagnostics);
        }
        foreach (var diagnostic in diagnostics)
        {
            stderr.WriteLine(diagnostic.ToString());
        }
        var outcome = diagnostics.Count == 0 ? "no errors" : Count(diagnostics.Count, "error");
        var extra = (plan.TargetsFiles.Count > 0 ? $", {Count(plan.TargetsFiles.Count, "targets file")}" : "")
            + (plan.GroupsFiles.Count > 0 ? $", {Count(plan.GroupsFiles.Count, "nationality mapping")}" : "")
            + (plan.ProfileFiles.Count > 0 ? $", {Count(plan.ProfileFiles.Count, "panel profile")}" : "");
        stdout.WriteLine($"validated {Count(plan.SurveyFiles.Count, "survey file")}{extra} and {Count(plan.LocaleFileCount, "locale file")}: {outcome}");
        return diagnostics.Count == 0 ? 0 : 1;
    }

    /// <summary>Each targets file against the survey of the same id in its folder (loaded quietly when it was not validated
    /// itself) and the nationality mapping of that folder.</summary>
    private static List<Diagnostic> ValidateTargets(
        IReadOnlyList<string> targetsFiles, IReadOnlyList<SurveyDefinition> validated, Dictionary<string, NationalityGroups?> mappings)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var path in targetsFiles)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            var surveyFile = Path.Combine(folder, TargetsLoader.SurveyIdOf(path) + ".yaml");
            var survey = validated.FirstOrDefault(s => string.Equals(Path.GetFullPath(s.SourceFile), surveyFile, StringComparison.Ordinal))
                ?? (File.Exists(surveyFile) ? SurveyLoader.LoadFile(surveyFile).Survey : null);
            var groups = mappings.GetValueOrDefault(Path.GetFullPath(TargetsCatalog.GroupsFile(folder)));
            diagnostics.AddRange(TargetsCatalog.LoadFiles([path], survey is null ? [] : [survey], groups).Diagnostics);
        }
        return diagnostics;
    }

    private static string Under(string? root, string name) => root is null ? name : Path.Combine(root, name);

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>Which files are checked as what.</summary>
    private sealed record Plan(
        IReadOnlyList<string> SurveyFiles,
        IReadOnlyList<string> TargetsFiles,
        IReadOnlyList<string> GroupsFiles,
        IReadOnlyList<string> LocaleDirectories,
        IReadOnlyList<IReadOnlyList<string>> LocaleFileGroups,
        IReadOnlyList<string> ProfileFiles)
    {
        public int LocaleFileCount =>
            LocaleDirectories.Sum(d => Directory.EnumerateFiles(d, "*.yaml").Count()) + LocaleFileGroups.Sum(g => g.Count);

        public static Plan For(IEnumerable<string> paths)
        {
            var surveys = new List<string>();
            var targets = new List<string>();
            var groups = new List<string>();
            var profiles = new List<string>();
            var localeDirectories = new List<string>();
            var localeFiles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var path in paths)
            {
                if (Directory.Exists(path))
                {
                    if (IsLocales(path))
                    {
                        localeDirectories.Add(path);
                    }
                    else
                    {
                        surveys.AddRange(SurveyCatalog.SurveyFiles(path));
                        targets.AddRange(TargetsCatalog.TargetsFiles(path));
                        if (File.Exists(TargetsCatalog.GroupsFile(path)))
                        {
                            groups.Add(TargetsCatalog.GroupsFile(path));
                        }
                        if (File.Exists(Path.Combine(path, PanelProfile.RelativePath)))
                        {
                            profiles.Add(Path.Combine(path, PanelProfile.RelativePath));
                        }
                    }
                }
                else if (path.EndsWith(SurveyCatalog.TargetsSuffix, StringComparison.OrdinalIgnoreCase))
                {
                    targets.Add(path);
                }
                else if (string.Equals(Path.GetFileName(path), Path.GetFileName(PanelProfile.RelativePath), StringComparison.Ordinal))
                {
                    profiles.Add(path);
                }
                else if (Path.GetDirectoryName(path) is { } shared && IsNamed(shared, "shared"))
                {
                    groups.Add(path);
                }
                else if (Path.GetDirectoryName(path) is { } folder && IsLocales(folder))
                {
                    var key = Path.GetFullPath(folder);
                    if (!localeFiles.TryGetValue(key, out var group))
                    {
                        localeFiles[key] = group = [];
                    }
                    group.Add(path);
                }
                else
                {
                    surveys.Add(path);
                    // The survey's targets file is part of it: `validate surveys/x.yaml` checks surveys/x.targets.yaml too.
                    var ownTargets = Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, Path.GetFileNameWithoutExtension(path) + SurveyCatalog.TargetsSuffix);
                    if (File.Exists(ownTargets))
                    {
                        targets.Add(ownTargets);
                    }
                }
            }
            // Every targets file is checked against the mapping next to it, so that mapping is validated too.
            foreach (var folder in targets.Select(t => Path.GetDirectoryName(Path.GetFullPath(t)) ?? ".").Distinct(StringComparer.Ordinal))
            {
                var mapping = TargetsCatalog.GroupsFile(folder);
                if (File.Exists(mapping) && !groups.Any(g => string.Equals(Path.GetFullPath(g), mapping, StringComparison.Ordinal)))
                {
                    groups.Add(mapping);
                }
            }
            var fullLocaleDirectories = localeDirectories.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
            return new Plan(
                [.. surveys.Distinct(StringComparer.Ordinal)],
                [.. targets.Distinct(StringComparer.Ordinal)],
                [.. groups.Distinct(StringComparer.Ordinal)],
                [.. localeDirectories.Distinct(StringComparer.Ordinal)],
                [.. localeFiles.Where(g => !fullLocaleDirectories.Contains(g.Key)).Select(g => (IReadOnlyList<string>)[.. g.Value.Distinct(StringComparer.Ordinal)])],
                [.. profiles.Distinct(StringComparer.Ordinal)]);
        }

        private static bool IsLocales(string directory) => IsNamed(directory, "locales");

        private static bool IsNamed(string directory, string name) =>
            string.Equals(Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), name, StringComparison.Ordinal);
    }
}
