using System.Net.Http.Headers;
using System.Text;
using Survey.Data;
using Survey.Web.Tests.Pages.Research;

namespace Survey.Web.Tests.Pages.Panel;

[Collection(AppFixtureGroup.Name)]
public sealed class ImportPageTests(SurveyAppFactory app)
{
    private static async Task<HtmlPage> UploadAsync(RespondentClient client, HtmlPage page, string csv, bool skipInvalid)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "members.csv");
        form.Add(new StringContent(page.AntiforgeryToken!), "__RequestVerificationToken");
        if (skipInvalid)
        {
            form.Add(new StringContent("true"), "skipInvalid");
        }
        using var response = await client.Http.PostAsync(page.Url, form);
        return new HtmlPage(response.RequestMessage!.RequestUri!, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_GoodFile_ImportsActiveMembersAndCountsThem()
    {
        var client = await ResearcherSignIn.SignedInAsync(app, "en");
        var page = await client.GetAsync("/en/research/panel");
        var (a, b) = (PanelData.NewEmail(), PanelData.NewEmail());

        var report = await UploadAsync(client, page, $"email;language;nationality;district;age_band\n{a};nl;pl;merenwijk;25-39\n{b};en;;;\n", skipInvalid: false);

        Assert.True(report.Contains("2 members imported."), report.Text);
        var members = app.WithDb(db => db.PanelMembers.Where(m => m.Email == a || m.Email == b).OrderBy(m => m.Email == b).ToList());
        Assert.Equal(2, members.Count);
        Assert.All(members, m => Assert.Equal((PanelMemberStatus.Active, "import", "import"), (m.Status, m.Source, m.ConsentVersion)));
        Assert.Equal(("pl", "merenwijk", "25-39"), (members[0].Nationality, members[0].District, members[0].AgeBand));
        Assert.False(app.WithDb(db => db.Outbox.Any(o => o.ToAddress == a || o.ToAddress == b)));
        Assert.True(report.Contains("Merenwijk"));
    }

    [Fact]
    public async Task Upload_FileWithBadRows_ImportsNothingAndReportsEachLine_UnlessSkipped()
    {
        var client = await ResearcherSignIn.SignedInAsync(app, "nl");
        var page = await client.GetAsync("/nl/research/panel");
        var good = PanelData.NewEmail();
        var csv = $"email,language,nationality,district,age_band\n{good},en,de,,\nnot-an-address,en,,,\n{good},en,,,\n{PanelData.NewEmail()},fr,zz,atlantis,99+\n";

        var refused = await UploadAsync(client, page, csv, skipInvalid: false);

        Assert.True(refused.Contains("Er is niets geïmporteerd: 3 regels hebben fouten"), refused.Text);
        Assert.True(refused.Contains("ongeldig e-mailadres"));
        Assert.True(refused.Contains("adres twee keer in dit bestand"));
        Assert.True(refused.Contains("onbekende taal; onbekende nationaliteitscode; onbekende districtscode; onbekende leeftijdscode"));
        Assert.False(app.WithDb(db => db.PanelMembers.Any(m => m.Email == good)));

        var skipped = await UploadAsync(client, await client.GetAsync("/nl/research/panel"), csv, skipInvalid: true);

        Assert.True(skipped.Contains("1 leden geïmporteerd."), skipped.Text);
        Assert.True(app.WithDb(db => db.PanelMembers.Any(m => m.Email == good)));
    }

    [Fact]
    public async Task Get_PanelPage_RequiresSignIn()
    {
        var page = await RespondentClient.For(app).GetAsync("/en/research/panel");

        Assert.Equal("/en/research/login", page.Path);
    }
}
