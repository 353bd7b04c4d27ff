using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Testing;

namespace Survey.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Survey.Benchmarks -- mail [--invitations N]</c>: a wave of N (20,000) invitation
/// rows in a fresh database, sent by the real platform process (Release build, <c>Mail:Mode=smtp</c>, no rate limit) to a
/// local aiosmtpd. Prints messages per second between the first and the last message the server received, and the
/// platform's resident memory as the wave goes (flat = not growing with the wave) with its peak (VmHWM).
/// </summary>
internal static class MailBenchmark
{
    public static async Task RunAsync(TextWriter output, int invitations)
    {
        using var temp = new TempDirectory();
        using var smtp = SmtpTestServer.Start();
        var database = temp.File("data/survey.db");
        var seed = Stopwatch.StartNew();
        await SeedAsync(database, invitations);
        output.WriteLine($"seeded {invitations} invitations in {seed.Elapsed.TotalSeconds:F1} s");

        var web = Path.Combine(RepoPaths.Root, "src", "Survey.Web");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = web, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(web, "bin", "Release", "net10.0", "Survey.Web.dll"), "--contentRoot", web, "--urls", $"http://127.0.0.1:{FreePort()}",
            "--environment", "Production", "--Survey:DatabasePath", database, "--Survey:SurveysPath", RepoPaths.Surveys, "--Survey:LocalesPath", RepoPaths.Locales,
            "--Jobs:QueuePollSeconds", "0.5", "--Mail:Mode", "smtp", "--Mail:Smtp:Host", "127.0.0.1", "--Mail:Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture),
            "--Mail:Smtp:UseTls", "false", "--Mail:RatePerSecond", "0", "--Mail:SweepSeconds", "0.5", "--Logging:LogLevel:Default", "Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.WriteLine("platform: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var clock = Stopwatch.StartNew();
            TimeSpan? first = null;
            var samples = new List<(int Received, long RssKb)>();
            var nextSample = 0;
            while (true)
            {
                var received = smtp.Count;
                if (received > 0 && first is null)
                {
                    first = clock.Elapsed;
                }
                if (received >= nextSample)
                {
                    samples.Add((received, Status(process.Id, "VmRSS")));
                    nextSample = received + invitations / 10;
                }
                if (received >= invitations)
                {
                    break;
                }
                if (process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(30))
                {
                    throw new InvalidOperationException($"stopped at {received} of {invitations}");
                }
                await Task.Delay(250);
            }
            var seconds = (clock.Elapsed - first!.Value).TotalSeconds;
            var peak = Status(process.Id, "VmHWM");
            output.WriteLine($"messages received | {invitations}");
            output.WriteLine($"first to last (s) | {seconds:F1}");
            output.WriteLine($"messages/s        | {invitations / seconds:F0}");
            output.WriteLine($"peak RSS (MB)     | {peak / 1024.0:F0}");
            output.WriteLine("RSS as the wave went (received: MB): " + string.Join(", ", samples.Select(s => $"{s.Received}: {s.RssKb / 1024.0:F0}")));
            var duplicates = smtp.CountByRecipient().Count(c => c.Value > 1);
            output.WriteLine($"recipients with more than one message: {duplicates}");
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private static async Task SeedAsync(string database, int n)
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={database}");
        await using var db = new SurveyDbContext(options.Options);
        await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
        var tokens = PersonalTokens.LoadOrCreate(PersonalTokens.KeyPathFor(database));
        var now = DateTimeOffset.UtcNow;
        var wave = new Wave
        {
            SurveyId = "stadsenquete", SelectionJson = "{}", ReminderDays = "", ClosesOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30),
            SendAt = now, CreatedAt = now, CreatedBy = "benchmark",
        };
        db.Waves.Add(wave);
        await db.SaveChangesAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < n; i++)
        {
            var id = Guid.NewGuid();
            var language = i % 3 == 0 ? "en" : "nl";
            db.PanelMembers.Add(new PanelMember
            {
                Id = id, Email = $"member{i:D6}@example.org", Language = language, Status = PanelMemberStatus.Active, Source = "import",
                ConsentVersion = "benchmark", CreatedAt = now, ManageTokenHash = PersonalTokens.Hash(tokens.LinkToken("member", id.ToString("D"))),
            });
            var invitation = new Invitation
            {
                WaveId = wave.Id, MemberId = id, Language = language, TokenHash = PersonalTokens.Hash(tokens.LinkToken("invitation", $"{wave.Id}:{id:D}")),
            };
            db.Invitations.Add(invitation);
            if (i % 1000 == 999 || i == n - 1)
            {
                await db.SaveChangesAsync();
            }
        }
        db.ChangeTracker.Clear();
        var rows = await db.Invitations.AsNoTracking().Join(db.PanelMembers, i => i.MemberId, m => m.Id, (i, m) => new { i.Id, i.Language, m.Email, MemberId = m.Id }).ToListAsync();
        foreach (var chunk in rows.Chunk(1000))
        {
            db.Outbox.AddRange(chunk.Select(r => new OutboxMessage
            {
                Key = $"invitation:{r.Id}", Template = "invitation", Language = r.Language, ToAddress = r.Email, MemberId = r.MemberId, InvitationId = r.Id,
                State = OutboxState.Queued, NotBefore = now, CreatedAt = now,
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A line of <c>/proc/PID/status</c> in kB (Linux).</summary>
    private static long Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
