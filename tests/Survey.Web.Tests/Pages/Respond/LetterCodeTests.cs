using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;

namespace Survey.Web.Tests.Pages.Respond;

/// <summary>The code page for letters (<c>/{lang}/code</c>, and <c>/{lang}/code/{CODE}</c> from the QR code).</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class LetterCodeTests(SurveyAppFactory app)
{
    private const string Refused = "This code does not work. Please check it.";
    private const string RefusedNl = "Deze code werkt niet. Controleer de code.";

    /// <summary>A letter wave for flowtest with one sampled address; returns that address's access code (unformatted).</summary>
    internal static string NewLetterCode(SurveyAppFactory app, DateOnly? closesOn = null) => app.WithScope(services =>
    {
        var db = services.GetRequiredService<SurveyDbContext>();
        var tokens = services.GetRequiredService<PersonalTokens>();
        var frame = new SampleFrame { Source = "frame.csv", ImportedAt = app.Clock.GetUtcNow() };
        db.SampleFrames.Add(frame);
        db.SaveChanges();
        var unit = new FrameUnit { FrameId = frame.Id, AddressLine = "Breestraat 1 | 2311 CS Leiden", District = "binnenstad-zuid", AgeBand = "25-39" };
        var wave = new Wave
        {
            SurveyId = "flowtest", Kind = WaveKind.Letters, SelectionJson = "{}", StratifyBy = "district", SendAt = app.Clock.GetUtcNow(),
            ReminderDays = string.Empty, ClosesOn = closesOn ?? new DateOnly(2026, 12, 31), CreatedAt = app.Clock.GetUtcNow(), CreatedBy = "test",
        };
        db.FrameUnits.Add(unit);
        db.Waves.Add(wave);
        db.SaveChanges();
        var code = tokens.AccessCode("letter", $"{wave.Id}:{unit.Id}");
        db.Invitations.Add(new Invitation
        {
            WaveId = wave.Id, FrameUnitId = unit.Id, Stratum = unit.District, Language = "nl", TokenHash = PersonalTokens.Hash(code),
            Status = InvitationStatus.Mailed,
        });
        db.SaveChanges();
        return code;
    });

    private static async Task<HtmlPage> CompleteFlowtestFromAsync(RespondentClient client, HtmlPage first)
    {
        var second = await client.PostAsync(first, ("colour", "red"), ("age", "42"), ("nav", "next"));
        var last = await client.PostAsync(second, ("nav", "next"));
        var check = await client.PostAsync(last, ("nav", "next"));
        Assert.EndsWith("/check", check.Path, StringComparison.Ordinal);
        return await client.PostAsync(check);
    }

    [Theory]
    [InlineData("nl", "Een brief met een code gekregen?", "Vul hier de code uit uw brief in")]
    [InlineData("en", "Got a letter with a code?", "Enter the code from your letter here")]
    public async Task StartPage_AnyLanguage_LinksToTheCodeForm(string language, string heading, string link)
    {
        var start = await RespondentClient.For(app).GetAsync($"/{language}");

        Assert.Contains(heading, start.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/{language}/code\">{link}</a>", start.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeForm_Get_HasLabelHintAndNoAutocompleteOrSpellcheck()
    {
        var form = await RespondentClient.For(app).GetAsync("/en/code");

        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("<label class=\"question-label\" for=\"code\">Code from your letter</label>", form.Html, StringComparison.Ordinal);
        Assert.Contains("for example ABCD-EFGH-JKMN", form.Text, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"off\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("spellcheck=\"false\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"code-hint\"", form.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CodeTypedInLowerCaseWithSpaces_OpensTheSurveyWithADraftOfTheInvitation()
    {
        var code = NewLetterCode(app);
        var client = RespondentClient.For(app);
        var form = await client.GetAsync("/en/code");
        var typed = $" {code[..4].ToLowerInvariant()} {code[4..8]} - {code[8..].ToLowerInvariant()} ";

        var first = await client.PostAsync(form, ("code", typed));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Matches("^/en/flowtest/[^/]+/first$", first.Path);
        Assert.Contains("Which colour?", first.Text, StringComparison.Ordinal);
        var invitationId = app.WithDb(db => db.Invitations.Single(i => i.TokenHash == PersonalTokens.Hash(code)).Id);
        Assert.Equal(invitationId, app.WithDb(db => db.Drafts.Single(d => d.Token == first.ResumeCode).InvitationId));
    }

    [Fact]
    public async Task Get_QrAddressWithCode_OpensTheSurveyInThePagesLanguage()
    {
        var code = NewLetterCode(app);

        var first = await RespondentClient.For(app).GetAsync($"/nl/code/{code}");

        Assert.Matches("^/nl/flowtest/[^/]+/first$", first.Path);
        Assert.Contains("Welke kleur?", first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_CodeAgainBeforeSending_ContinuesTheSameDraft()
    {
        var code = NewLetterCode(app);
        var client = RespondentClient.For(app);
        var first = await client.GetAsync($"/nl/code/{code}");

        var again = await client.GetAsync($"/nl/code/{PersonalTokens.FormatCode(code)}");

        Assert.Equal(first.ResumeCode, again.ResumeCode);
    }

    [Fact]
    public async Task Post_UsedCodeAfterCompletion_RefusedExactlyLikeAnUnknownCode()
    {
        var code = NewLetterCode(app);
        var client = RespondentClient.For(app);
        var done = await CompleteFlowtestFromAsync(client, await client.GetAsync($"/en/code/{code}"));
        Assert.EndsWith("/flowtest/done", done.Path, StringComparison.Ordinal);
        Assert.Equal(InvitationStatus.Answered, app.WithDb(db => db.Invitations.Single(i => i.TokenHash == PersonalTokens.Hash(code)).Status));
        var form = await client.GetAsync("/en/code");

        var used = await client.PostAsync(form, ("code", code));
        var unknown = await client.PostAsync(form, ("code", "WXYZ-WXYZ-WXY2"));
        var usedByQr = await client.GetAsync($"/en/code/{code}");
        var unknownByQr = await client.GetAsync("/en/code/WXYZWXYZWXY3");

        Assert.All(new[] { used, unknown, usedByQr, unknownByQr }, page =>
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.StartsWith("/en/code", page.Path, StringComparison.Ordinal);
            Assert.Contains(Refused, page.Text, StringComparison.Ordinal);
            Assert.Contains("aria-invalid=\"true\"", page.Html, StringComparison.Ordinal);
        });
        Assert.Equal(Strip(used.Html, code), Strip(unknown.Html, "WXYZ-WXYZ-WXY2"));
        Assert.Equal(Strip(usedByQr.Html, code), Strip(unknownByQr.Html, "WXYZWXYZWXY3"));
    }

    [Fact]
    public async Task Post_CodeOfAClosedWave_RefusedInDutch()
    {
        var code = NewLetterCode(app, closesOn: new DateOnly(2026, 11, 20));
        var client = RespondentClient.For(app);

        var refused = await client.PostAsync(await client.GetAsync("/nl/code"), ("code", code));

        Assert.Contains(RefusedNl, refused.Text, StringComparison.Ordinal);
        Assert.Contains("lang=\"nl\"", refused.Html, StringComparison.Ordinal);
        Assert.False(app.WithDb(db => db.Drafts.Any(d => d.InvitationId != null && db.Invitations.Any(i => i.Id == d.InvitationId && i.TokenHash == PersonalTokens.Hash(code)))));
    }

    [Fact]
    public async Task Post_Empty_AsksForTheCodeAtTheField()
    {
        var client = RespondentClient.For(app);

        var page = await client.PostAsync(await client.GetAsync("/nl/code"), ("code", "  "));

        Assert.Contains("Vul de code uit uw brief in.", page.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#code\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"code-hint code-error\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_ThroughALetterCode_ResponseHoldsNothingOfTheInvitation()
    {
        var code = NewLetterCode(app);
        var client = RespondentClient.For(app);
        var before = app.WithDb(db => db.Responses.Select(r => r.Id).ToList());

        await CompleteFlowtestFromAsync(client, await client.GetAsync($"/nl/code/{code}"));

        var response = app.WithDb(db => db.Responses.Include(r => r.Answers).AsNoTracking().Single(r => !before.Contains(r.Id)));
        var invitation = app.WithDb(db => db.Invitations.AsNoTracking().Single(i => i.TokenHash == PersonalTokens.Hash(code)));
        Assert.Equal(new DateOnly(2026, 11, 21), invitation.AnsweredOn);
        var stored = System.Text.Json.JsonSerializer.Serialize(new
        {
            response.Id, response.SurveyId, response.SurveyVersion, response.Language, response.CompletedOn,
            Answers = response.Answers.Select(a => new { a.QuestionId, a.Item, a.Code, a.Text }),
        });
        foreach (var secret in new[] { code, PersonalTokens.Hash(code), $"\"{invitation.Id}\"", "binnenstad-zuid", "Breestraat" })
        {
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        }
    }

    private static string Strip(string html, string typed) =>
        System.Text.RegularExpressions.Regex.Replace(html.Replace(typed, "TYPED", StringComparison.Ordinal), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "TOKEN");
}
