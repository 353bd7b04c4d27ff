using System.Net;
using Microsoft.EntityFrameworkCore;
using Survey.Data;

namespace Survey.Web.Tests.Pages.Panel;

[Collection(AppFixtureGroup.Name)]
public sealed class SignUpTests(SurveyAppFactory app)
{
    private static (string, string)[] Form(string email, string language = "en", bool consent = true, string nationality = "de", string district = "", string ageBand = "25-39")
    {
        var fields = new List<(string, string)> { ("email", email), ("language", language), ("nationality", nationality), ("district", district), ("age_band", ageBand) };
        if (consent)
        {
            fields.Add(("consent", "yes"));
        }
        return [.. fields];
    }

    private async Task<HtmlPage> SignUpAsync(string lang, params (string, string)[] fields)
    {
        var client = RespondentClient.For(app);
        var page = await client.GetAsync($"/{lang}/panel");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await client.PostAsync(page, fields);
    }

    [Fact]
    public async Task Post_NewAddress_CreatesPendingMemberAndQueuesConfirmMail()
    {
        var email = PanelData.NewEmail();

        var page = await SignUpAsync("en", Form("  " + email.ToUpperInvariant() + " "));

        Assert.Equal("/en/panel/check-mail", page.Path);
        Assert.True(page.Contains("Check your e-mail"));
        var member = app.WithDb(db => db.PanelMembers.AsNoTracking().Single(m => m.Email == email));
        Assert.Equal((PanelMemberStatus.Pending, "en", "de", null, "25-39", "signup", "2026-12"),
            (member.Status, member.Language, member.Nationality, member.District, member.AgeBand, member.Source, member.ConsentVersion));
        Assert.Equal(app.Clock.GetUtcNow().AddHours(72), member.ConfirmExpiresAt);
        Assert.Equal(PersonalTokens.Hash(PanelData.TokenOf(app, member.Id)), member.ManageTokenHash);
        var mail = Assert.Single(PanelData.Outbox(app, member.Id));
        Assert.Equal(("confirm", "en", email, OutboxState.Queued), (mail.Template, mail.Language, mail.ToAddress, mail.State));
        Assert.Equal($"confirm:{member.Id:D}:1", mail.Key);
    }

    [Fact]
    public async Task Post_KnownAddress_ShowsTheSamePageAndMailsAlreadyMember()
    {
        var (member, _) = await PanelData.ActiveMemberAsync(app);
        var fresh = await SignUpAsync("en", Form(PanelData.NewEmail()));

        var again = await SignUpAsync("en", Form(member.Email, language: "nl", nationality: "pl"));

        Assert.Equal(fresh.Path, again.Path);
        Assert.Equal(fresh.Text, again.Text);
        var stored = app.WithDb(db => db.PanelMembers.AsNoTracking().Single(m => m.Id == member.Id));
        Assert.Equal((PanelMemberStatus.Active, "en", "de"), (stored.Status, stored.Language, stored.Nationality));
        var mail = Assert.Single(PanelData.Outbox(app, member.Id));
        Assert.Equal(("already-member", member.Email), (mail.Template, mail.ToAddress));
    }

    [Fact]
    public async Task Post_PendingAddressAgain_QueuesAFreshConfirmationAndExtendsIt()
    {
        var email = PanelData.NewEmail();
        await SignUpAsync("en", Form(email));
        var id = app.WithDb(db => db.PanelMembers.Single(m => m.Email == email).Id);
        // While the first mail waits, a second sign-up adds none; once it is sent, a new one is queued.
        await SignUpAsync("en", Form(email));
        Assert.Single(PanelData.Outbox(app, id));
        app.WithDb(db => db.Outbox.Where(o => o.MemberId == id).ExecuteUpdate(s => s.SetProperty(o => o.State, OutboxState.Sent)));
        app.Clock.Advance(TimeSpan.FromHours(10));
        try
        {
            await SignUpAsync("en", Form(email));

            var mails = PanelData.Outbox(app, id);
            Assert.Equal(["confirm", "confirm"], mails.Select(m => m.Template));
            Assert.Equal($"confirm:{id:D}:2", mails[1].Key);
            Assert.Equal(app.Clock.GetUtcNow().AddHours(72), app.WithDb(db => db.PanelMembers.Single(m => m.Id == id).ConfirmExpiresAt));
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromHours(-10));
        }
    }

    [Fact]
    public async Task Post_NoConsentAndBadAddress_ShowsErrorsInDutchAndKeepsInput()
    {
        var page = await SignUpAsync("nl", Form("not-an-address", language: "en", consent: false, district: "merenwijk"));

        Assert.Equal("/nl/panel", page.Path);
        Assert.True(page.Contains("Er ging iets mis"), page.Text);
        Assert.True(page.Contains("Vul een geldig e-mailadres in"));
        Assert.True(page.Contains("Vink het vakje aan"));
        Assert.Contains("href=\"#email\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"#consent\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"not-an-address\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"merenwijk\" selected=\"selected\"", page.Html, StringComparison.Ordinal);
        Assert.False(app.WithDb(db => db.PanelMembers.Any(m => m.Email == "not-an-address")));
    }

    [Fact]
    public async Task Post_CodeNotInProfile_IsRefusedNamingTheField()
    {
        var email = PanelData.NewEmail();

        var page = await SignUpAsync("en", Form(email, nationality: "xx", ageBand: "12-17"));

        Assert.True(page.Contains("Please choose an answer from the list for 'Nationality'"), page.Text);
        Assert.True(page.Contains("Please choose an answer from the list for 'Age'"));
        Assert.False(app.WithDb(db => db.PanelMembers.Any(m => m.Email == email)));
    }

    [Fact]
    public async Task Get_SignUpPage_OffersEveryProfileCodeAndPreferNotToSay()
    {
        var page = await RespondentClient.For(app).GetAsync("/nl/panel");

        foreach (var code in new[] { "us", "other", "binnenstad-noord", "stevenshof", "18-24", "65+" })
        {
            Assert.Contains($"value=\"{code}\"", WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal);
        }
        Assert.True(page.Contains("Zeg ik liever niet"));
        Assert.True(page.Contains("Wie het ziet"));
        Assert.Equal("no-store", (await RespondentClient.For(app).Http.GetAsync("/nl/panel")).Headers.CacheControl?.ToString());
    }
}
