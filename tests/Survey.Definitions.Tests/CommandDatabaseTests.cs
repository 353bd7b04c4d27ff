using Survey.Cli.Commands;
using Survey.Testing;

namespace Survey.Definitions.Tests;

/// <summary>
/// The database messages the commands share through <see cref="CommandDatabase"/>, word for word: other tooling reads
/// them, so each command keeps its own name and wording.
/// </summary>
public sealed class CommandDatabaseTests : IDisposable
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _temp = new();

    private static string Profile => Path.Combine(RepoPaths.Surveys, "shared", "panel-profile.yaml");

    // A file SQLite refuses to open as a database ("file is not a database").
    private string NotADatabase()
    {
        var path = _temp.File("notes.db");
        File.WriteAllText(path, new string('x', 4096));
        return path;
    }

    [Fact]
    public async Task ResearcherRole_FileThatIsNoDatabase_ExitsOneWithCannotUseDatabase()
    {
        var path = NotADatabase();

        var (exit, _, stderr) = await RunAsync((o, e) => ResearcherRoleCommand.RunAsync(["--database", path, "--user", "anna", "--grant-admin"], o, e, Clock, _temp.Path, null));

        Assert.Equal(1, exit);
        Assert.StartsWith($"survey researcher-role: cannot use database '{path}': ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PanelImport_FileThatIsNoDatabase_ExitsOneWithCannotUseDatabase()
    {
        var path = NotADatabase();
        var csv = _temp.File("members.csv");
        await File.WriteAllTextAsync(csv, "email\n");

        var (exit, _, stderr) = await RunAsync((o, e) => PanelCommand.RunAsync(["import", csv, "--database", path, "--profile", Profile], o, e, Clock, _temp.Path, null));

        Assert.Equal(1, exit);
        Assert.StartsWith($"survey panel import: cannot use database '{path}': ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddResearcher_FileThatIsNoDatabase_ExitsOneWithCannotUseDatabase()
    {
        var path = NotADatabase();
        using var input = new StringReader("correct horse battery\n");

        var (exit, stdout, stderr) = await RunAsync((o, e) => AddResearcherCommand.RunAsync(["--database", path, "--user", "anna"], input, o, e, Clock, _temp.Path, null));

        Assert.Equal(1, exit);
        Assert.Equal($"survey add-researcher: using database {path}{Environment.NewLine}", stdout);
        Assert.StartsWith($"survey add-researcher: cannot use database '{path}': ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_NoPlatformAndNoDatabaseGiven_ExitTwoSayingWhereTheyLooked()
    {
        var folder = Path.GetFullPath(_temp.Path);

        var role = await RunAsync((o, e) => ResearcherRoleCommand.RunAsync(["--user", "anna", "--grant-admin"], o, e, Clock, _temp.Path, null));
        var add = await RunAsync((o, e) => AddResearcherCommand.RunAsync(["--user", "anna"], TextReader.Null, o, e, Clock, _temp.Path, null));
        var wave = await RunAsync((o, e) => WaveCommand.RunAsync(["status", "1"], o, e, Clock, _temp.Path, null, null));

        Assert.Equal((2, $"survey researcher-role: no platform found in or above {folder} (looked for src/Survey.Web/appsettings.json); give the database file with --database PATH{Environment.NewLine}"), (role.Exit, role.Err));
        Assert.Equal((2, $"survey add-researcher: no platform found in or above {folder} (looked for src/Survey.Web/appsettings.json); give the database file with --database PATH{Environment.NewLine}"), (add.Exit, add.Err));
        Assert.Equal((2, $"survey wave: no platform found in or above {folder}; give the database file with --database PATH{Environment.NewLine}"), (wave.Exit, wave.Err));
    }

    [Fact]
    public async Task ResearcherRole_DatabaseFileMissing_ExitsOneNamingItsFullPath()
    {
        var missing = Path.Combine(_temp.Path, "sub", "..", "none.db");

        var (exit, _, stderr) = await RunAsync((o, e) => ResearcherRoleCommand.RunAsync(["--database", missing, "--user", "anna", "--grant-admin"], o, e, Clock, _temp.Path, null));

        Assert.Equal(1, exit);
        Assert.Equal($"survey researcher-role: no database at '{Path.GetFullPath(missing)}' (give its path with --database){Environment.NewLine}", stderr);
    }

    public void Dispose() => _temp.Dispose();

    private static async Task<(int Exit, string Out, string Err)> RunAsync(Func<TextWriter, TextWriter, Task<int>> command)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await command(stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
