using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Web.Jobs;

namespace Survey.Web.Tests.Pages.Research;

/// <summary>The researcher's wave pages (list, status, create form) and the reminder job, through the real app.</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class WavePagesTests(SurveyAppFactory app)
{
    [Fact]
    public async Task Waves_Anonymous_RedirectsToLogin()
    {
        var page = await RespondentClient.For(app).GetAsync("/en/research/waves");

        Assert.Equal("/en/research/login", page.Path);
    }

    [Fact]
    public async Task Status_WaveWithAnswers_ShowsRatesOverallInTableAndInTheList()
    {
        var (wave, invited) = await PanelWaves.CreateAsync(app, "flowtest", ["nl", "en", "en", "nl"]);
        app.WithDb(db => db.Invitations.Where(i => i.Id == invited[0].Invitation.Id).ExecuteUpdate(s => s.SetProperty(i => i.Status, InvitationStatus.Answered)));
        var client = await ResearcherSignIn.SignedInAsync(app, "nl");

        var status = await client.GetAsync($"/nl/research/waves/{wave.Id}");
        var list = await client.GetAsync("/nl/research/waves");

        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Contains("<th scope=\"col\">Respons</th>", status.Html, StringComparison.Ordinal);
        Assert.Contains("25,0%", status.Text, StringComparison.Ordinal);
        Assert.Contains($"/nl/research/waves/{wave.Id}", list.Html, StringComparison.Ordinal);
        Assert.Contains("25,0%", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_StratifiedSampleFromForm_CreatesWaveAndShowsItsStrataWithRates()
    {
        var (_, invited) = await PanelWaves.CreateAsync(app, "flowtest", ["nl", "nl", "nl", "en", "en", "en"]);
        var district = invited[0].Member.District!;
        var client = await ResearcherSignIn.SignedInAsync(app, "en");
        var form = await client.GetAsync("/en/research/waves/new");

        var page = await client.PostAsync(form, ("Form.SurveyId", "flowtest"), ("Form.District", district), ("Form.Sample", "4"), ("Form.StratifyBy", "language"),
            ("Form.Seed", "7"), ("Form.SendAt", ""), ("Form.Reminders", "7d,14d"), ("Form.Closes", "2026-12-20"));

        Assert.Matches("^/en/research/waves/[0-9]+$", page.Path);
        Assert.Contains("was created with 4 invitations", page.Text, StringComparison.Ordinal);
        var id = int.Parse(page.Path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var wave = app.WithDb(db => db.Waves.AsNoTracking().Single(w => w.Id == id));
        Assert.Equal(("language", "7,14", new DateOnly(2026, 12, 20)), (wave.StratifyBy, wave.ReminderDays, wave.ClosesOn));
        Assert.Equal(new[] { ("en", 2), ("nl", 2) }, app.WithDb(db => db.Invitations.Where(i => i.WaveId == id).GroupBy(i => i.Stratum).Select(g => new { g.Key, Count = g.Count() }).ToList())
            .Select(g => (g.Key!, g.Count)).OrderBy(g => g.Item1, StringComparer.Ordinal));
        Assert.Equal(4, app.WithDb(db => db.Outbox.Count(o => o.Template == "invitation" && db.Invitations.Any(i => i.WaveId == id && i.Id == o.InvitationId))));
        Assert.Contains("<th scope=\"row\">en</th>", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_BadInput_ShowsErrorsInDutchLinkedToFieldsAndWritesNothing()
    {
        var client = await ResearcherSignIn.SignedInAsync(app, "nl");
        var form = await client.GetAsync("/nl/research/waves/new");
        var waves = app.WithDb(db => db.Waves.Count());

        var page = await client.PostAsync(form, ("Form.SurveyId", "flowtest"), ("Form.District", "nergens-" + Guid.NewGuid().ToString("N")), ("Form.Sample", "drie"),
            ("Form.Reminders", "14d,7d"), ("Form.Closes", "31-12-2026"));

        Assert.Equal("/nl/research/waves/new", page.Path);
        Assert.Contains("De steekproefomvang 'drie' is geen geheel getal boven 0.", page.Text, StringComparison.Ordinal);
        Assert.Contains("geen oplopende aantallen dagen", page.Text, StringComparison.Ordinal);
        Assert.Contains("De einddatum '31-12-2026' is geen datum", page.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"#sample\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"sample\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(waves, app.WithDb(db => db.Waves.Count()));

        var none = await client.PostAsync(form, ("Form.SurveyId", "flowtest"), ("Form.District", "nergens-" + Guid.NewGuid().ToString("N")));
        Assert.Contains("Geen enkel actief lid past bij de selectie.", none.Text, StringComparison.Ordinal);
        Assert.Equal(waves, app.WithDb(db => db.Waves.Count()));
    }

    [Fact]
    public void ReminderJob_AtStart_IsRegisteredHourly()
    {
        using var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var recurring = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).ToDictionary(j => j.Id, StringComparer.Ordinal);

        Assert.Equal(("0 * * * *", "UTC"), (recurring[WaveRemindersJob.Id].Cron, recurring[WaveRemindersJob.Id].TimeZoneId));
    }

    [Fact]
    public async Task ReminderJob_DueAndRunTwice_QueuesOneReminderPerNonResponder()
    {
        var (wave, invited) = await PanelWaves.CreateAsync(app, "flowtest", ["nl", "en", "nl"], reminders: "1");
        app.WithDb(db => db.Invitations.Where(i => i.Id == invited[0].Invitation.Id).ExecuteUpdate(s => s.SetProperty(i => i.Status, InvitationStatus.Answered)));
        app.WithDb(db => db.Waves.Where(w => w.Id == wave.Id).ExecuteUpdate(s => s.SetProperty(w => w.SendAt, app.Clock.GetUtcNow().AddDays(-2))));

        for (var run = 0; run < 2; run++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WaveRemindersJob>().RunAsync(CancellationToken.None);
        }

        var keys = app.WithDb(db => db.Outbox.Where(o => o.Template == "reminder" && db.Invitations.Any(i => i.WaveId == wave.Id && i.Id == o.InvitationId)).Select(o => o.Key).ToList());
        Assert.Equal(new[] { $"reminder:{invited[1].Invitation.Id}:1", $"reminder:{invited[2].Invitation.Id}:1" }.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }
}
