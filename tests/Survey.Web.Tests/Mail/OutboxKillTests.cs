using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Testing;
using Survey.Web.Mail;

namespace Survey.Web.Tests.Mail;

/// <summary>
/// The real platform as a process of its own sending a wave over SMTP, killed with SIGKILL in the middle and started
/// again: counted at the SMTP server, nobody gets the invitation twice, and everybody gets it except at most the one
/// message the kill interrupted while it was being handed over (reported as uncertain, README "Mail").
/// </summary>
public sealed class OutboxKillTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(300);
    private readonly TempDirectory _temp = new();
    private readonly SmtpTestServer _smtp = SmtpTestServer.Start();

    [Fact]
    public async Task Sigkill_MidWave_RestartSendsTheRestAndNobodyGetsTwo()
    {
        const int Invited = 200;
        var database = _temp.File("data/survey.db");
        var tokens = PersonalTokens.LoadOrCreate(PersonalTokens.KeyPathFor(database));
        var members = Enumerable.Range(0, Invited).Select(n => PanelSeed.Member(tokens, $"member{n:D4}@example.org", n % 3 == 0 ? "en" : "nl")).ToList();
        await using (var db = Context(database))
        {
            await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
            db.PanelMembers.AddRange(members);
            await db.SaveChangesAsync();
            await PanelSeed.InviteAsync(db, tokens, PanelSeed.Wave(closesOn: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30)), members, DateTimeOffset.UtcNow.AddSeconds(-1));
        }

        var clock = Stopwatch.StartNew();
        using (var first = StartPlatform(database, _smtp.Port))
        {
            await WaitForAsync(() => Task.FromResult(_smtp.Count >= Invited / 5));
            first.Kill();
        }
        var atKill = _smtp.Count;
        Console.WriteLine($"killed at {atKill} after {clock.Elapsed}");
        Assert.True(atKill < Invited, "the wave was sent completely before the kill; the test proves nothing");

        // The kill's in-flight message (if any) stays Sending for good; the restart must end with no other row queued or in
        // flight (stopping it as the last row turns Sending would leave a second one, by the test's doing).
        var inFlightAtKill = await QueryAsync(database, db => db.Outbox.CountAsync(o => o.State == OutboxState.Sending));
        using (var second = StartPlatform(database, _smtp.Port))
        {
            await WaitForAsync(async () => await QueryAsync(database, db => db.Outbox.CountAsync(o => o.State == OutboxState.Queued || o.State == OutboxState.Sending)) == inFlightAtKill);
        }

        Console.WriteLine($"done at {_smtp.Count} after {clock.Elapsed}");
        var counts = _smtp.CountByRecipient();
        var uncertain = await QueryAsync(database, db => db.Outbox.Where(o => o.State == OutboxState.Sending).Select(o => o.MemberId!.Value).ToListAsync());
        var uncertainEmails = members.Where(m => uncertain.Contains(m.Id)).Select(m => m.Email).ToHashSet(StringComparer.Ordinal);
        Assert.All(counts, c => Assert.Equal(1, c.Value));
        Assert.True(uncertain.Count <= 1, $"{uncertain.Count} messages uncertain; one connection has at most one in flight");
        Assert.All(members.Where(m => !uncertainEmails.Contains(m.Email)), m => Assert.True(counts.ContainsKey(m.Email), m.Email + " got nothing"));
        var mailed = await QueryAsync(database, db => db.Invitations.CountAsync(i => i.Status == InvitationStatus.Mailed));
        Assert.Equal(Invited - uncertain.Count, mailed);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _smtp.Dispose();
        _temp.Dispose();
    }

    private static SurveyDbContext Context(string database)
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={database};Pooling=False");
        return new SurveyDbContext(options.Options);
    }

    private static async Task<T> QueryAsync<T>(string database, Func<SurveyDbContext, Task<T>> query)
    {
        await using var db = Context(database);
        return await query(db);
    }

    // Polls until the platform got there; the bound only stops a broken test from hanging, it asserts no timing.
    private static async Task WaitForAsync(Func<Task<bool>> probe)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await probe())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
        }
    }

    /// <summary>The platform on the test surveys sending mail to the test SMTP server, sweeping the outbox twice a second.</summary>
    private static PlatformProcess StartPlatform(string database, int smtpPort) =>
        PlatformProcess.Start(
            Path.Combine(RepoPaths.Root, "tests", "Survey.Web.Tests", "Surveys"), database,
            ("Jobs:QueuePollSeconds", "0.5"), ("Mail:Mode", MailOptions.SmtpMode), ("Mail:Smtp:Host", "127.0.0.1"),
            ("Mail:Smtp:Port", PlatformProcess.Setting(smtpPort)), ("Mail:Smtp:UseTls", "false"), ("Mail:SweepSeconds", "0.5"));
}
