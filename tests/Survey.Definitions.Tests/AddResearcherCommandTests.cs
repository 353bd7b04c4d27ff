using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Survey.Cli.Commands;
using Survey.Data;
using Survey.Testing;

namespace Survey.Definitions.Tests;

public sealed class AddResearcherCommandTests : IDisposable
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task RunAsync_NewUserWithPasswordOnStdin_CreatesAccountInFreshDatabase()
    {
        var path = _temp.File("data/survey.db");

        var (exit, stdout, stderr) = await RunAsync("correct horse battery\n", "--database", path, "--create", "--user", "anna");

        Assert.Equal(0, exit);
        Assert.Contains("anna", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
        await using var context = Context(path);
        var account = await context.Researchers.SingleAsync();
        Assert.Equal("anna", account.UserName);
        Assert.NotNull(await new ResearcherAccounts(context, Clock).VerifyAsync("anna", "correct horse battery"));
    }

    [Fact]
    public async Task RunAsync_ExistingUser_ExitsOneWithMessage()
    {
        var path = _temp.File("survey.db");
        await RunAsync("correct horse battery\n", "--database", path, "--create", "--user", "anna");

        var (exit, _, stderr) = await RunAsync("another long password\n", "--database", path, "--user", "anna");

        Assert.Equal(1, exit);
        Assert.Contains("already exists", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ShortPassword_ExitsOneWithMessage()
    {
        var (exit, _, stderr) = await RunAsync("short\n", "--database", _temp.File("survey.db"), "--create", "--user", "anna");

        Assert.Equal(1, exit);
        Assert.Contains("at least 12", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoPasswordOnStdin_ExitsOne()
    {
        var (exit, _, stderr) = await RunAsync(string.Empty, "--database", _temp.File("survey.db"), "--create", "--user", "anna");

        Assert.Equal(1, exit);
        Assert.Contains("no password", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingUser_IsUsageError()
    {
        var (exit, _, stderr) = await RunAsync("correct horse battery\n", "--database", _temp.File("survey.db"));

        Assert.Equal(2, exit);
        Assert.Contains("--user", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DatabaseFileMissingWithoutCreate_RefusesAndCreatesNothing()
    {
        var path = _temp.File("typo/survey.db");

        var (exit, _, stderr) = await RunAsync("correct horse battery\n", "--database", path, "--user", "anna");

        Assert.Equal(1, exit);
        Assert.Contains($"database '{path}' does not exist", stderr, StringComparison.Ordinal);
        Assert.Contains("--create", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(_temp.File("typo")));
    }

    [Fact]
    public async Task RunAsync_WithoutDatabaseFromAnyFolder_UsesThePlatformsDatabaseAndNamesIt()
    {
        Directory.CreateDirectory(_temp.File("src/Survey.Web"));
        File.WriteAllText(_temp.File("src/Survey.Web/appsettings.json"), """{ "Survey": { "DatabasePath": "../../data/survey.db" } }""");
        var platformDb = _temp.File("data/survey.db");
        Assert.Equal(0, (await RunAsync("correct horse battery\n", "--database", platformDb, "--create", "--user", "first")).Exit);
        var deep = Directory.CreateDirectory(_temp.File("src/Survey.Cli/bin")).FullName;

        var (exit, stdout, stderr) = await RunInAsync(deep, null, "another long password\n", "--user", "anna");

        Assert.True(exit == 0, stderr);
        Assert.Contains($"using database {platformDb}", stdout, StringComparison.Ordinal);
        await using var context = Context(platformDb);
        Assert.Equal(["anna", "first"], await context.Researchers.Select(r => r.UserName).OrderBy(n => n).ToListAsync());
        Assert.False(File.Exists(Path.Combine(deep, "data", "survey.db")));
    }

    [Fact]
    public async Task RunAsync_PlatformSettingInEnvironment_WinsOverAppsettings()
    {
        Directory.CreateDirectory(_temp.File("src/Survey.Web"));
        File.WriteAllText(_temp.File("src/Survey.Web/appsettings.json"), """{ "Survey": { "DatabasePath": "../../data/survey.db" } }""");
        var configured = _temp.File("elsewhere.db");

        var (exit, _, stderr) = await RunInAsync(_temp.Path, configured, "correct horse battery\n", "--user", "anna");

        Assert.Equal(1, exit);
        Assert.Contains($"database '{configured}' does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WithoutDatabaseOutsideAnyPlatform_ExitsTwoAskingForDatabase()
    {
        var (exit, _, stderr) = await RunInAsync(_temp.Path, null, "correct horse battery\n", "--user", "anna");

        Assert.Equal(2, exit);
        Assert.Contains("--database PATH", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_ShowsTheAddResearcherCommandWithItsPasswordRules()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        Assert.Contains("dotnet run --project src/Survey.Cli -- add-researcher --user ", readme, StringComparison.Ordinal);
        Assert.Contains($"the password has at least {ResearcherAccounts.MinPasswordLength}", readme, StringComparison.Ordinal);
        Assert.Contains($"1 to {ResearcherAccounts.MaxUserNameLength} characters", readme, StringComparison.Ordinal);
        Assert.Contains("--create", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void PlatformDatabase_FromTheCliProjectOfThisRepository_IsTheFileTheReadmeNames() =>
        Assert.Equal(Path.Combine(RepoPaths.Root, "data", "survey.db"), PlatformDatabase.Find(Path.Combine(RepoPaths.Root, "src", "Survey.Cli"), null));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await AddResearcherCommand.RunAsync(args, input, stdout, stderr, Clock);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunInAsync(string folder, string? configured, string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await AddResearcherCommand.RunAsync(args, input, stdout, stderr, Clock, folder, configured);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static SurveyDbContext Context(string path)
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={path}");
        return new SurveyDbContext(options.Options);
    }
}
