using Microsoft.EntityFrameworkCore;
using Survey.Cli.Commands;
using Survey.Data;
using Survey.Testing;

namespace Survey.Definitions.Tests;

/// <summary><c>survey wave create | status | remind</c> on a real SQLite file with members inserted directly.</summary>
public sealed class WaveCommandTests : IDisposable
{
    // 7 Dec 2026, 10:00 in Amsterdam.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _temp = new();
    private readonly string _database;

    public WaveCommandTests() => _database = _temp.File("data/survey.db");

    [Fact]
    public async Task Create_AllActiveMembers_InvitesEachOnceWithHashedTokenAndQueuesOneMail()
    {
        await SeedAsync(("noord", "nl", PanelMemberStatus.Active, 6), ("zuid", "en", PanelMemberStatus.Active, 4), ("zuid", "en", PanelMemberStatus.Pending, 3), ("oost", "nl", PanelMemberStatus.Unsubscribed, 2));

        var (exit, stdout, stderr) = await RunAsync("create", "--survey", "flowtest", "--reminders", "7d,14d", "--closes", "2026-12-31");

        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        var id = int.Parse(stdout.TrimEnd().Split('\n')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await using var db = Context();
        var wave = await db.Waves.SingleAsync(w => w.Id == id);
        Assert.Equal("7,14", wave.ReminderDays);
        Assert.Equal(new DateOnly(2026, 12, 31), wave.ClosesOn);
        var invitations = await db.Invitations.Where(i => i.WaveId == id).ToListAsync();
        var active = await db.PanelMembers.Where(m => m.Status == PanelMemberStatus.Active).ToListAsync();
        Assert.Equal(active.Select(m => m.Id).Order(), invitations.Select(i => i.MemberId!.Value).Order());
        var tokens = PersonalTokens.LoadOrCreate(PersonalTokens.KeyPathFor(_database));
        foreach (var invitation in invitations)
        {
            var member = active.Single(m => m.Id == invitation.MemberId);
            Assert.Equal(PersonalTokens.Hash(tokens.LinkToken("invitation", $"{id}:{member.Id:D}")), invitation.TokenHash);
            Assert.Equal(member.Language, invitation.Language);
        }
        var outbox = await db.Outbox.ToListAsync();
        Assert.Equal(invitations.Select(i => $"invitation:{i.Id}").Order(), outbox.Select(o => o.Key).Order());
        Assert.All(outbox, o => Assert.Equal((OutboxState.Queued, "invitation", _clock.GetUtcNow()), (o.State, o.Template, o.NotBefore)));
    }

    [Fact]
    public async Task Create_WhereSameFieldTwiceAndAnotherField_SelectsEitherValueAndTheOther()
    {
        await SeedAsync(("noord", "nl", PanelMemberStatus.Active, 3), ("zuid", "nl", PanelMemberStatus.Active, 2), ("zuid", "en", PanelMemberStatus.Active, 5), ("oost", "nl", PanelMemberStatus.Active, 7));

        var (exit, stdout, _) = await RunAsync("create", "--survey", "flowtest", "--where", "district=noord", "--where", "district=zuid", "--where", "language=nl");

        Assert.Equal(0, exit);
        Assert.Contains("(5 members)", stdout, StringComparison.Ordinal);
        await using var db = Context();
        Assert.Equal(5, await db.Invitations.CountAsync());
    }

    [Fact]
    public async Task Create_StratifiedSampleWithSeed_AllocatesProportionallyAndRepeatsExactly()
    {
        // 50 / 30 / 20 members; n = 15 gives quotas 7.5 / 4.5 / 3: floors 7 / 4 / 3, the one left goes to the tie noord-west by name.
        await SeedAsync(("noord", "nl", PanelMemberStatus.Active, 50), ("west", "en", PanelMemberStatus.Active, 30), ("oost", "nl", PanelMemberStatus.Active, 20));

        var first = await RunAsync("create", "--survey", "flowtest", "--sample", "15", "--stratify", "district", "--seed", "42");
        var second = await RunAsync("create", "--survey", "flowtest", "--sample", "15", "--stratify", "district", "--seed", "42");
        var other = await RunAsync("create", "--survey", "flowtest", "--sample", "15", "--stratify", "district", "--seed", "43");

        Assert.Equal((0, 0, 0), (first.Exit, second.Exit, other.Exit));
        await using var db = Context();
        var waves = await db.Waves.OrderBy(w => w.Id).ToListAsync();
        Assert.Contains("\"seed\":42", waves[0].SelectionJson, StringComparison.Ordinal);
        var byWave = (await db.Invitations.ToListAsync()).ToLookup(i => i.WaveId);
        var strata = byWave[waves[0].Id].GroupBy(i => i.Stratum!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["noord"] = 8, ["oost"] = 3, ["west"] = 4 }, strata);
        Assert.Equal(byWave[waves[0].Id].Select(i => i.MemberId).Order(), byWave[waves[1].Id].Select(i => i.MemberId).Order());
        Assert.NotEqual(byWave[waves[0].Id].Select(i => i.MemberId).Order(), byWave[waves[2].Id].Select(i => i.MemberId).Order());
        var members = (await db.PanelMembers.ToListAsync()).ToDictionary(m => m.Id);
        Assert.All(byWave[waves[0].Id], i => Assert.Equal(members[i.MemberId!.Value].District, i.Stratum));
    }

    [Fact]
    public void Allocate_LargestRemainder_SumsToNAndBreaksTiesByName()
    {
        var allocation = StratifiedSample.Allocate(new Dictionary<string, int> { ["a"] = 1, ["b"] = 1, ["c"] = 1 }, 2);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 1, ["c"] = 0 }, allocation);
        var skewed = StratifiedSample.Allocate(new Dictionary<string, int> { ["big"] = 97, ["small"] = 3 }, 10);
        Assert.Equal(new Dictionary<string, int> { ["big"] = 10, ["small"] = 0 }, skewed);
    }

    [Fact]
    public async Task Create_WithoutSeed_RecordsTheChosenSeed()
    {
        await SeedAsync(("noord", "nl", PanelMemberStatus.Active, 10));

        var (exit, stdout, _) = await RunAsync("create", "--survey", "flowtest", "--sample", "4");

        Assert.Equal(0, exit);
        await using var db = Context();
        var wave = await db.Waves.SingleAsync();
        var seed = System.Text.Json.JsonDocument.Parse(wave.SelectionJson).RootElement.GetProperty("seed").GetInt32();
        Assert.Contains($"seed {seed}", stdout, StringComparison.Ordinal);
        Assert.Equal(4, await db.Invitations.CountAsync());
    }

    [Theory]
    [InlineData("there is no survey 'nosuch'", "--survey", "nosuch")]
    [InlineData("not a date like", "--survey", "flowtest", "--closes", "31-12-2026")]
    [InlineData("is not 'now' or a date and time", "--survey", "flowtest", "--send-at", "tomorrow")]
    [InlineData("must come after the send day", "--survey", "flowtest", "--closes", "2026-12-07")]
    [InlineData("falls after the end date", "--survey", "flowtest", "--reminders", "7d,30d", "--closes", "2026-12-20")]
    [InlineData("are not increasing numbers of days", "--survey", "flowtest", "--reminders", "14d,7d")]
    [InlineData("unknown field 'street'", "--survey", "flowtest", "--where", "street=Dorpsstraat")]
    [InlineData("unknown field 'income'", "--survey", "flowtest", "--sample", "2", "--stratify", "income")]
    [InlineData("larger than the 3 matching members", "--survey", "flowtest", "--sample", "4")]
    [InlineData("no active member matches", "--survey", "flowtest", "--where", "district=west")]
    [InlineData("is not a whole number above 0", "--survey", "flowtest", "--sample", "-3")]
    [InlineData("has passed", "--survey", "flowtest", "--send-at", "2026-12-01T09:00")]
    public async Task Create_BadInput_ExitsOneWithMessageAndWritesNothing(string message, params string[] args)
    {
        await SeedAsync(("noord", "nl", PanelMemberStatus.Active, 3));

        var (exit, stdout, stderr) = await RunAsync(["create", .. args]);

        Assert.Equal(1, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("wave ", stdout, StringComparison.Ordinal);
        await using var db = Context();
        Assert.Equal((0, 0, 0), (await db.Waves.CountAsync(), await db.Invitations.CountAsync(), await db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task Create_ClosedSurvey_Refused()
    {
        var folder = _temp.File("surveys/flowtest.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Survey.Web.Tests", "Surveys", "flowtest.yaml"));
        await File.WriteAllTextAsync(folder, yaml.Replace("version: 1\n", "version: 1\nstatus: closed\n", StringComparison.Ordinal));
        await SeedAsync(("noord", "nl", PanelMemberStatus.Active, 3));

        var (exit, _, stderr) = await RunAsync("create", "--survey", "flowtest", "--surveys", Path.GetDirectoryName(folder)!);

        Assert.Equal(1, exit);
        Assert.Contains("is closed", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AfterAnswersBouncesAndOptOuts_CountsOverallAndByStratum()
    {
        await SeedAsync(("noord", "nl", PanelMemberStatus.Active, 4), ("zuid", "en", PanelMemberStatus.Active, 4));
        var (_, created, _) = await RunAsync("create", "--survey", "flowtest", "--stratify", "district");
        await using (var db = Context())
        {
            var invitations = await db.Invitations.OrderBy(i => i.Stratum).ThenBy(i => i.Id).ToListAsync();
            invitations.ForEach(i => i.MailedAt = _clock.GetUtcNow());
            (invitations[0].Status, invitations[1].Status, invitations[2].Status) = (InvitationStatus.Answered, InvitationStatus.Answered, InvitationStatus.Bounced);
            invitations[2].MailedAt = null;
            (invitations[4].Status, invitations[5].Status) = (InvitationStatus.Answered, InvitationStatus.OptedOut);
            await db.SaveChangesAsync();
        }

        var (exit, stdout, _) = await RunAsync("status", created.TrimEnd().Split('\n')[^1]);

        Assert.Equal(0, exit);
        var lines = stdout.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("(all) 8 7 1 3 1 37.5%", lines);
        Assert.Contains("district=noord 4 3 1 2 0 50.0%", lines);
        Assert.Contains("district=zuid 4 4 0 1 1 25.0%", lines);
    }

    [Fact]
    public async Task Remind_OnScheduleTwice_QueuesOneReminderPerNonResponderOnceAndSkipsLeavers()
    {
        await SeedAsync(("noord", "nl", PanelMemberStatus.Active, 5));
        var (_, created, _) = await RunAsync("create", "--survey", "flowtest", "--reminders", "7d,14d");
        var wave = created.TrimEnd().Split('\n')[^1];
        await using (var db = Context())
        {
            var invitations = await db.Invitations.OrderBy(i => i.Id).ToListAsync();
            invitations[0].Status = InvitationStatus.Answered;
            invitations[1].Status = InvitationStatus.Bounced;
            invitations[2].Status = InvitationStatus.Mailed;
            (await db.PanelMembers.SingleAsync(m => m.Id == invitations[3].MemberId)).Status = PanelMemberStatus.Unsubscribed;
            await db.SaveChangesAsync();
        }

        var early = await RunAsync("remind", wave);
        _clock.Advance(TimeSpan.FromDays(7));
        var due = await RunAsync("remind", wave);
        var again = await RunAsync("remind", wave);
        _clock.Advance(TimeSpan.FromDays(7));
        var second = await RunAsync("remind", wave);

        Assert.Contains("0 reminder(s)", early.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 reminder(s)", due.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 reminder(s)", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 reminder(s)", second.Stdout, StringComparison.Ordinal);
        await using var check = Context();
        var ids = await check.Invitations.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync();
        var keys = await check.Outbox.Where(o => o.Template == "reminder").Select(o => o.Key).ToListAsync();
        Assert.Equal(new[] { $"reminder:{ids[2]}:1", $"reminder:{ids[2]}:2", $"reminder:{ids[4]}:1", $"reminder:{ids[4]}:2" }.Order(), keys.Order());
    }

    [Fact]
    public async Task Remind_Now_QueuesOneForEveryNonResponderAndNotAgainWhileQueued()
    {
        await SeedAsync(("noord", "nl", PanelMemberStatus.Active, 3));
        var (_, created, _) = await RunAsync("create", "--survey", "flowtest");
        var wave = created.TrimEnd().Split('\n')[^1];

        var now = await RunAsync("remind", wave, "--now");
        var twice = await RunAsync("remind", wave, "--now");

        Assert.Contains("3 reminder(s)", now.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 reminder(s)", twice.Stdout, StringComparison.Ordinal);
        await using var db = Context();
        Assert.Equal(3, await db.Outbox.CountAsync(o => o.Template == "reminder"));
    }

    [Fact]
    public async Task Remind_UnknownWave_ExitsOne()
    {
        await SeedAsync(("noord", "nl", PanelMemberStatus.Active, 1));

        var (exit, _, stderr) = await RunAsync("remind", "99");

        Assert.Equal(1, exit);
        Assert.Contains("no wave 99", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private async Task SeedAsync(params (string District, string Language, PanelMemberStatus Status, int Count)[] groups)
    {
        await using var db = Context();
        await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
        foreach (var (district, language, status, count) in groups)
        {
            for (var i = 0; i < count; i++)
            {
                var id = Guid.NewGuid();
                db.PanelMembers.Add(new PanelMember
                {
                    Id = id,
                    Email = $"{id:N}@example.org",
                    Language = language,
                    District = district,
                    Nationality = "NL",
                    AgeBand = "25-34",
                    Status = status,
                    Source = "import",
                    ConsentVersion = "test",
                    CreatedAt = _clock.GetUtcNow(),
                    ManageTokenHash = PersonalTokens.Hash(id.ToString("N")),
                });
            }
        }
        await db.SaveChangesAsync();
    }

    private SurveyDbContext Context()
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={_database};Pooling=False");
        return new SurveyDbContext(options.Options);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] all = [.. args, "--database", _database, .. args.Contains("--surveys") ? Array.Empty<string>() : ["--surveys", Path.Combine(RepoPaths.Root, "tests", "Survey.Web.Tests", "Surveys")]];
        var exit = await WaveCommand.RunAsync(all, stdout, stderr, _clock, _temp.Path, null, null);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
