using System.Text;
using Microsoft.EntityFrameworkCore;
using Survey.Cli.Commands;
using Survey.Data;
using Survey.Testing;

namespace Survey.Definitions.Tests;

/// <summary><c>survey panel import FILE [--skip-invalid]</c>: members from CSV, every row reported, all or nothing.</summary>
public sealed class PanelImportCommandTests : IDisposable
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _temp = new();

    private string Database => _temp.File("survey.db");

    private async Task<(int Exit, string Out, string Err)> ImportAsync(string csv, bool bom = false, params string[] extra)
    {
        var file = _temp.File($"members-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: bom));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] args = ["import", file, "--database", Database, "--profile", Path.Combine(RepoPaths.Surveys, "shared", "panel-profile.yaml"), .. extra];
        var exit = await PanelCommand.RunAsync(args, stdout, stderr, Clock, _temp.Path, null);
        return (exit, stdout.ToString().Replace(file, "F", StringComparison.Ordinal), stderr.ToString().Replace(file, "F", StringComparison.Ordinal));
    }

    private List<PanelMember> Members()
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={Database}");
        using var db = new SurveyDbContext(options.Options);
        return [.. db.PanelMembers.AsNoTracking().OrderBy(m => m.Email)];
    }

    [Fact]
    public async Task Import_GoodFileWithBomAndSemicolons_AddsActiveMembersWithTokens()
    {
        var (exit, stdout, stderr) = await ImportAsync("email;language;nationality;district;age_band\r\nAnna@Example.org;en;it;morsdistrict;18-24\r\nbob@example.org;nl;;;\r\n", bom: true);

        Assert.Equal((0, ""), (exit, stderr));
        Assert.Equal("F:2: accepted Anna@Example.org\nF:3: accepted bob@example.org\nimported 2 member(s); 0 row(s) refused\n", stdout);
        var members = Members();
        Assert.Equal(["anna@example.org", "bob@example.org"], members.Select(m => m.Email));
        Assert.Equal(("en", "it", "morsdistrict", "18-24"), (members[0].Language, members[0].Nationality, members[0].District, members[0].AgeBand));
        Assert.Equal((null, null, null), (members[1].Nationality, members[1].District, members[1].AgeBand));
        Assert.All(members, m => Assert.Equal((PanelMemberStatus.Active, "import", "import", Clock.GetUtcNow()), (m.Status, m.Source, m.ConsentVersion, m.ConfirmedAt!.Value)));
        var tokens = PersonalTokens.LoadOrCreate(PersonalTokens.KeyPathFor(Database));
        Assert.All(members, m => Assert.Equal(PersonalTokens.Hash(PanelMembers.ManageToken(tokens, m.Id)), m.ManageTokenHash));
    }

    [Fact]
    public async Task Import_FileWithBadRows_ImportsNothingAndReportsEveryRowByLine()
    {
        await ImportAsync("email,language,nationality,district,age_band\nknown@example.org,en,,,\n");
        const string csv = "email,language,nationality,district,age_band\n"
            + "good@example.org,en,de,,\n"
            + "no-at-sign.example.org,en,,,\n"
            + "good@example.org,nl,,,\n"
            + "known@example.org,en,,,\n"
            + "\n"
            + "c@example.org,de,xx,atlantis,0-17\n"
            + "d@example.org,en,,\n";

        var (exit, stdout, stderr) = await ImportAsync(csv);

        Assert.Equal(1, exit);
        Assert.Equal(
            "F:3: refused no-at-sign.example.org: invalid e-mail address\n"
            + "F:4: refused good@example.org: duplicate address in this file\n"
            + "F:5: refused known@example.org: address already in the panel\n"
            + "F:7: refused c@example.org: unknown language; unknown nationality code; unknown district code; unknown age band code\n"
            + "F:8: refused d@example.org: wrong number of columns (expected 5)\n",
            stderr);
        Assert.Equal("F:2: accepted good@example.org\nimported nothing: 5 row(s) refused (fix them, or use --skip-invalid to import the 1 accepted row(s))\n", stdout);
        Assert.Equal(["known@example.org"], Members().Select(m => m.Email));

        var (skipExit, skipOut, _) = await ImportAsync(csv, false, "--skip-invalid");

        Assert.Equal(0, skipExit);
        Assert.EndsWith("imported 1 member(s); 5 row(s) refused and skipped\n", skipOut, StringComparison.Ordinal);
        Assert.Equal(["good@example.org", "known@example.org"], Members().Select(m => m.Email));
    }

    [Fact]
    public async Task Import_WrongHeader_RefusesTheFile()
    {
        var (exit, _, stderr) = await ImportAsync("mail,lang\na@example.org,en\n");

        Assert.Equal(1, exit);
        Assert.Equal("F: line 1: the header must be 'email,language,nationality,district,age_band', not 'mail,lang'\n", stderr);
    }

    [Fact]
    public async Task Run_NoFile_IsAUsageError()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await PanelCommand.RunAsync(["import"], stdout, stderr, Clock, _temp.Path, null);

        Assert.Equal(2, exit);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
