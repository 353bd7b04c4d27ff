using Survey.Definitions;

namespace Survey.Cli.Commands;

/// <summary>
/// <c>survey validate [paths...]</c>: checks survey files and locale files and prints every problem as
/// <c>file:line:col: error: message</c> on stderr, then one summary line on stdout. A directory named <c>locales</c>
/// (or a file in one) holds locale files; other directories are searched for <c>*.yaml</c> survey files.
/// <c>*.targets.yaml</c> files are skipped silently (checked by a later command). Exit: 0 clean, 1 errors, 2 usage.
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
        diagnostics.AddRange(SurveyCatalog.LoadFiles(plan.SurveyFiles).Diagnostics);
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
        stdout.WriteLine($"validated {Count(plan.SurveyFiles.Count, "survey file")} and {Count(plan.LocaleFileCount, "locale file")}: {outcome}");
        return diagnostics.Count == 0 ? 0 : 1;
    }

    private static string Under(string? root, string name) => root is null ? name : Path.Combine(root, name);

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>Which files are checked as what.</summary>
    private sealed record Plan(IReadOnlyList<string> SurveyFiles, IReadOnlyList<string> LocaleDirectories, IReadOnlyList<IReadOnlyList<string>> LocaleFileGroups)
    {
        public int LocaleFileCount =>
            LocaleDirectories.Sum(d => Directory.EnumerateFiles(d, "*.yaml").Count()) + LocaleFileGroups.Sum(g => g.Count);

        public static Plan For(IEnumerable<string> paths)
        {
            var surveys = new List<string>();
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
                    }
                }
                else if (path.EndsWith(SurveyCatalog.TargetsSuffix, StringComparison.OrdinalIgnoreCase))
                {
                    // Population targets: validated by a later command; nothing to print for them now.
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
                }
            }
            var fullLocaleDirectories = localeDirectories.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
            return new Plan(
                [.. surveys.Distinct(StringComparer.Ordinal)],
                [.. localeDirectories.Distinct(StringComparer.Ordinal)],
                [.. localeFiles.Where(g => !fullLocaleDirectories.Contains(g.Key)).Select(g => (IReadOnlyList<string>)[.. g.Value.Distinct(StringComparer.Ordinal)])]);
        }

        private static bool IsLocales(string directory) =>
            string.Equals(Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), "locales", StringComparison.Ordinal);
    }
}
