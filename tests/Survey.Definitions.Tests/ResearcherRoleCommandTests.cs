using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Survey.Cli.Commands;
using Survey.Data;
using Survey.Testing;

namespace Survey.Definitions.Tests;

/// <summary><c>survey add-researcher --admin</c> and <c>survey researcher-role</c>: the administrator role from the command line.</summary>
public sealed class ResearcherRoleCommandTests : IDisposable
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task AddResearcher_AdminFlag_CreatesAdministrator()
    {
        var path = _temp.File("survey.db");

        var exit = await AddAsync(path, "anna", "--admin");

        Assert.Equal(0, exit);
        Assert.True(await IsAdminAsync(path, "anna"));
        Assert.Equal(0, await AddAsync(path, "bert"));
        Assert.False(await IsAdminAsync(path, "bert"));
    }

    [Fact]
    public async Task RunAsync_GrantThenRevoke_ChangesRoleAndEndsSessions()
    {
        var path = _temp.File("survey.db");
        await AddAsync(path, "anna");
        var stamp = await StampAsync(path, "anna");

        var (granted, grantOut, _) = await RoleAsync("--database", path, "--user", "anna", "--grant-admin");
        var admin = await IsAdminAsync(path, "anna");
        var grantedStamp = await StampAsync(path, "anna");
        var (revoked, _, _) = await RoleAsync("--database", path, "--user", " anna ", "--revoke-admin");

        Assert.Equal((0, true), (granted, admin));
        Assert.Contains("now an administrator", grantOut, StringComparison.Ordinal);
        Assert.NotEqual(stamp, grantedStamp);
        Assert.Equal(0, revoked);
        Assert.False(await IsAdminAsync(path, "anna"));
        Assert.NotEqual(grantedStamp, await StampAsync(path, "anna"));
    }

    [Fact]
    public async Task RunAsync_UnknownUser_ExitsOneNamingIt()
    {
        var path = _temp.File("survey.db");
        await AddAsync(path, "anna");

        var (exit, _, stderr) = await RoleAsync("--database", path, "--user", "bert", "--grant-admin");

        Assert.Equal(1, exit);
        Assert.Contains("no researcher named 'bert'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--user", "anna")]
    [InlineData("--user", "anna", "--grant-admin", "--revoke-admin")]
    [InlineData("--grant-admin")]
    public async Task RunAsync_MissingOrConflictingArguments_IsUsageError(params string[] args)
    {
        var (exit, _, stderr) = await RoleAsync(["--database", _temp.File("survey.db"), .. args]);

        Assert.Equal(2, exit);
        Assert.Contains("usage:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoDatabaseFile_ExitsOneAndCreatesNothing()
    {
        var path = _temp.File("missing/survey.db");

        var (exit, _, stderr) = await RoleAsync("--database", path, "--user", "anna", "--grant-admin");

        Assert.Equal(1, exit);
        Assert.Contains("no database", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static async Task<int> AddAsync(string path, string user, params string[] extra)
    {
        using var input = new StringReader("correct horse battery\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        return await AddResearcherCommand.RunAsync(["--database", path, "--create", "--user", user, .. extra], input, stdout, stderr, Clock);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RoleAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ResearcherRoleCommand.RunAsync(args, stdout, stderr, Clock);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static async Task<bool> IsAdminAsync(string path, string user)
    {
        await using var context = Context(path);
        return await context.Researchers.Where(r => r.UserName == user).Select(r => r.IsAdmin).SingleAsync();
    }

    private static async Task<string> StampAsync(string path, string user)
    {
        await using var context = Context(path);
        return await context.Researchers.Where(r => r.UserName == user).Select(r => r.SecurityStamp).SingleAsync();
    }

    private static SurveyDbContext Context(string path)
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={path}");
        return new SurveyDbContext(options.Options);
    }
}
