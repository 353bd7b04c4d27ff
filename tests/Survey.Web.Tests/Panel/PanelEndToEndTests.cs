using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Definitions.Panel;
using Survey.Web.Infrastructure;
using Survey.Web.Tests.Mail;

namespace Survey.Web.Tests.Panel;

/// <summary>
/// The whole panel path through the real app, a real SQLite file and a real SMTP server (python3-aiosmtpd): import
/// members, create a wave, receive the invitations, follow one link and answer, remind, unsubscribe through the header's
/// URL, and check that nobody can tell from the database which member gave the response.
/// </summary>
public sealed partial class PanelEndToEndTests : IDisposable
{
    private readonly MailAppFactory _app = new();

    public PanelEndToEndTests() => _ = _app.Server;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ImportWaveAnswerRemindUnsubscribe_RealSmtp_OnlyNonRespondersAreRemindedAndUnsubscribedGetNothing()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string[] emails = [$"ana-{run}@example.org", $"bram-{run}@example.org", $"chen-{run}@example.org", $"dita-{run}@example.org"];
        var now = _app.Clock.GetUtcNow();

        // Import (the code behind `survey panel import` and the researcher page).
        var csv = "email,language,nationality,district,age_band\n"
            + $"{emails[0]},en,,,\n{emails[1]},nl,,,\n{emails[2]},en,,,\n{emails[3]},nl,,,\n";
        var imported = await _app.DbAsync(db => PanelImport.ImportAsync(
            db, _app.Tokens, _app.Services.GetRequiredService<PanelProfile>(), csv, skipInvalid: false, now, CancellationToken.None));
        Assert.Equal(4, imported.Imported);

        // A wave to everyone (the code behind `survey wave create`), sent now, a reminder after 7 days.
        var survey = _app.Services.GetRequiredService<SurveyLibrary>().Find("flowtest");
        var (plan, problems) = new WaveRequest("flowtest", [], null, null, null, "now", "7d", null, "e2e").Parse(survey, now);
        Assert.Empty(problems);
        var created = await _app.DbAsync(db => WaveCreation.CreateAsync(db, _app.Tokens, plan!, now, CancellationToken.None));
        var wave = Assert.IsType<Wave>(created.Wave);

        // The invitations arrive over SMTP, one per member, each with its own link in the member's language.
        await _app.DrainAsync();
        var invitations = emails.ToDictionary(e => e, e => Assert.Single(_app.Smtp.Received(), m => m.Recipients.Contains(e)));
        var links = invitations.ToDictionary(p => p.Key, p => InvitationLink().Match(p.Value.Message.TextBody ?? ""));
        Assert.All(links.Values, l => Assert.True(l.Success));
        Assert.Equal(["en", "nl", "en", "nl"], emails.Select(e => links[e].Groups["lang"].Value));
        Assert.Equal(4, links.Values.Select(l => l.Groups["token"].Value).Distinct().Count());

        // Ana follows her link and answers.
        var client = RespondentClient.For(_app);
        var first = await client.GetAsync(links[emails[0]].Value[MailAppFactory.PublicUrl.Length..]);
        Assert.Matches("^/en/flowtest/[^/]+/first$", first.Path);
        var done = await PanelWaves.CompleteFlowtestAsync(client, first, $"e2e-{run}");
        Assert.EndsWith("/flowtest/done", done.Path, StringComparison.Ordinal);

        // Reminders (as `survey wave remind WAVE --now`): only the three who have not answered get one.
        var (queued, _) = await _app.DbAsync(db => WaveReminders.EnqueueAsync(db, Reload(db, wave.Id), now, everyoneNow: true, CancellationToken.None));
        Assert.Equal(3, queued);
        await _app.DrainAsync();
        var counts = _app.Smtp.CountByRecipient();
        Assert.Equal([1, 2, 2, 2], emails.Select(e => counts.GetValueOrDefault(e)));

        // Bram unsubscribes the way a mail provider does it: a bare POST to the List-Unsubscribe URL of his mail.
        var header = invitations[emails[1]].Message.Headers["List-Unsubscribe"];
        var unsubscribe = UnsubscribeUrl().Match(header ?? "").Groups["path"].Value;
        Assert.StartsWith("/nl/panel/unsubscribe/", unsubscribe, StringComparison.Ordinal);
        using var oneClick = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        using var bare = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var response = await bare.PostAsync(unsubscribe, oneClick);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.SeeOther, $"unsubscribe gave {(int)response.StatusCode}");

        // The next reminder round (on schedule, a week later, and once more at once) reaches Chen and Dita only.
        var later = now.AddDays(8);
        _app.Clock.Set(later);
        await _app.DbAsync(db => WaveReminders.EnqueueAsync(db, Reload(db, wave.Id), later, everyoneNow: true, CancellationToken.None));
        await _app.DrainAsync();
        counts = _app.Smtp.CountByRecipient();
        Assert.Equal([1, 2, 3, 3], emails.Select(e => counts.GetValueOrDefault(e)));

        // The status counts what happened.
        var statuses = _app.WithDb(db => db.Invitations.AsNoTracking().Where(i => i.WaveId == wave.Id).Select(i => i.Status).ToList());
        Assert.Equal(1, statuses.Count(s => s == InvitationStatus.Answered));
        Assert.Equal(1, statuses.Count(s => s == InvitationStatus.OptedOut));

        // The attacker with the database file: no value of the response side equals anything of the invitation side.
        AssertResponseHoldsNothingOfTheInvitations(wave.Id, $"e2e-{run}");
    }

    private static Wave Reload(SurveyDbContext db, int id) => db.Waves.AsNoTracking().Single(w => w.Id == id);

    private void AssertResponseHoldsNothingOfTheInvitations(int waveId, string remark)
    {
        using var connection = new SqliteConnection($"Data Source={_app.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var responseId = Scalar(connection, "SELECT ResponseId FROM ResponseAnswers WHERE Text = $v", remark);
        Assert.NotNull(responseId);
        var responseValues = Rows(connection, "SELECT * FROM Responses WHERE Id = $v", responseId)
            .Concat(Rows(connection, "SELECT * FROM ResponseAnswers WHERE ResponseId = $v", responseId))
            .SelectMany(r => r).Where(v => v is string).Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Identifiers only (hashes, GUIDs, addresses): the small integer ids of invitations and waves collide with answer codes.
        var secrets = Rows(connection, "SELECT i.TokenHash, i.MemberId FROM Invitations i WHERE i.WaveId = $v", waveId)
            .Concat(Rows(connection, "SELECT m.Id, m.Email, m.ManageTokenHash FROM PanelMembers m", null))
            .SelectMany(r => r).Where(v => v is not null).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!)
            .ToList();
        Assert.NotEmpty(secrets);
        Assert.DoesNotContain(secrets, responseValues.Contains);
        Assert.Equal(["CompletedOn", "Id", "Language", "SurveyId", "SurveyVersion"],
            Rows(connection, "SELECT name FROM pragma_table_info('Responses')", null).Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
    }

    private static object? Scalar(SqliteConnection connection, string sql, object? value) => Rows(connection, sql, value).FirstOrDefault()?[0];

    private static List<object?[]> Rows(SqliteConnection connection, string sql, object? value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (value is not null)
        {
            command.Parameters.AddWithValue("$v", value);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    [GeneratedRegex(@"https://enquete\.leiden\.example/(?<lang>nl|en)/i/(?<token>[0-9A-Z]{26})")]
    private static partial Regex InvitationLink();

    [GeneratedRegex(@"<https://enquete\.leiden\.example(?<path>/[^>]+)>")]
    private static partial Regex UnsubscribeUrl();
}
