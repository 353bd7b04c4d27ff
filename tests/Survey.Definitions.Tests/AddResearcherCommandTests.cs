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

        var (exit, stdout, stderr) = await RunAsync("correct horse battery\n", "--database", path, "--user", "anna");

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
        await RunAsync("correct horse battery\n", "--database", path, "--user", "anna");

        var (exit, _, stderr) = await RunAsync("another long password\n", "--database", path, "--user", "anna");

        Assert.Equal(1, exit);
        Assert.Contains("already exists", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ShortPassword_ExitsOneWithMessage()
    {
        var (exit, _, stderr) = await RunAsync("short\n", "--database", _temp.File("survey.db"), "--user", "anna");

        Assert.Equal(1, exit);
        Assert.Contains("at least 12", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoPasswordOnStdin_ExitsOne()
    {
        var (exit, _, stderr) = await RunAsync(string.Empty, "--database", _temp.File("survey.db"), "--user", "anna");

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

    private static SurveyDbContext Context(string path)
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={path}");
        return new SurveyDbContext(options.Options);
    }
}
