using Survey.Data;
using Survey.Definitions.Panel;

namespace Survey.Cli.Commands;

/// <summary>
/// <c>survey panel import FILE [--skip-invalid] [--database PATH] [--profile PATH]</c>: adds panel members from a CSV file
/// (<see cref="PanelImport"/>) and reports every row by line. A file with a refused row imports nothing unless
/// <c>--skip-invalid</c>. Imported members are active and get no mail. Exit: 0 imported (or nothing refused), 1 rows
/// refused or unusable file/database, 2 usage.
/// </summary>
internal static class PanelCommand
{
    private const string Usage = "usage: survey panel import FILE [--skip-invalid] [--database PATH] [--profile PATH]";

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock) =>
        RunAsync(args, stdout, stderr, clock, Directory.GetCurrentDirectory(), CommandDatabase.Configured);

    internal static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock, string currentFolder, string? configuredDatabase)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(clock);
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] != "import")
        {
            stderr.WriteLine($"survey panel: unknown subcommand '{args[0]}'");
            stderr.WriteLine(Usage);
            return 2;
        }
        string? file = null, database = null, profilePath = null;
        var skipInvalid = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    return 0;
                case "--skip-invalid":
                    skipInvalid = true;
                    break;
                case "--database" when i + 1 < args.Length:
                    database = args[++i];
                    break;
                case "--profile" when i + 1 < args.Length:
                    profilePath = args[++i];
                    break;
                case var value when file is null && !value.StartsWith('-'):
                    file = value;
                    break;
                default:
                    stderr.WriteLine($"survey panel import: unexpected argument '{args[i]}'");
                    stderr.WriteLine(Usage);
                    return 2;
            }
        }
        if (file is null)
        {
            stderr.WriteLine("survey panel import: give the CSV file");
            stderr.WriteLine(Usage);
            return 2;
        }
        var path = CommandDatabase.Locate(database, currentFolder, configuredDatabase);
        profilePath ??= FindProfile(currentFolder);
        if (path is null || profilePath is null)
        {
            stderr.WriteLine($"survey panel import: no platform found in or above {Path.GetFullPath(currentFolder)}; give --database PATH and --profile PATH");
            return 2;
        }
        var profile = PanelProfile.LoadFile(profilePath);
        if (profile.Profile is not { } panelProfile)
        {
            foreach (var diagnostic in profile.Diagnostics)
            {
                stderr.WriteLine(diagnostic.ToString());
            }
            return 1;
        }
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"survey panel import: cannot read '{file}': {e.Message}");
            return 1;
        }

        return await CommandDatabase.UseAsync("survey panel import", path, stderr, async context =>
        {
            var tokens = PersonalTokens.LoadOrCreate(PersonalTokens.KeyPathFor(path));
            var report = await PanelImport.ImportAsync(context, tokens, panelProfile, text, skipInvalid, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            return Print(report, file, skipInvalid, stdout, stderr);
        }).ConfigureAwait(false);
    }

    private static int Print(ImportReport report, string file, bool skipInvalid, TextWriter stdout, TextWriter stderr)
    {
        if (report.FileError is not null)
        {
            stderr.WriteLine($"{file}: {report.FileError}");
            return 1;
        }
        foreach (var row in report.Rows)
        {
            if (row.Accepted)
            {
                stdout.WriteLine($"{file}:{row.Line}: accepted {row.Email}");
            }
            else
            {
                stderr.WriteLine($"{file}:{row.Line}: refused {row.Email}: {string.Join("; ", row.Problems.Select(PanelImport.Describe))}");
            }
        }
        var accepted = report.Rows.Count - report.Refused;
        if (report.Imported > 0)
        {
            stdout.WriteLine($"imported {report.Imported} member(s); {report.Refused} row(s) refused{(report.Refused > 0 ? " and skipped" : "")}");
            return 0;
        }
        stdout.WriteLine(report.Refused > 0 && accepted > 0 && !skipInvalid
            ? $"imported nothing: {report.Refused} row(s) refused (fix them, or use --skip-invalid to import the {accepted} accepted row(s))"
            : $"imported nothing: {report.Refused} row(s) refused");
        return 1;
    }

    /// <summary><c>surveys/shared/panel-profile.yaml</c> in or above <paramref name="folder"/>.</summary>
    private static string? FindProfile(string folder)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "surveys", PanelProfile.RelativePath);
            if (File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }
}
