using Microsoft.Extensions.DependencyInjection;
using Survey.Data;

namespace Survey.Web.Tests;

/// <summary>
/// Panel members inserted directly (the sign-up pages are another part's) and a wave created by the shared wave code, as
/// <c>survey wave create</c> and the researcher form do; each call's members get a district of their own, so waves in the
/// shared test database never pick up another test's members.
/// </summary>
public static class PanelWaves
{
    public sealed record Invited(PanelMember Member, Invitation Invitation, string Token);

    public static async Task<(Wave Wave, IReadOnlyList<Invited> Invited)> CreateAsync(SurveyAppFactory app, string surveyId, IReadOnlyList<string> languages, string reminders = "", DateOnly? closes = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(languages);
        var district = "d" + Guid.NewGuid().ToString("N")[..10];
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var tokens = scope.ServiceProvider.GetRequiredService<PersonalTokens>();
        var now = app.Clock.GetUtcNow();
        var members = languages.Select(language =>
        {
            var id = Guid.NewGuid();
            return new PanelMember
            {
                Id = id,
                Email = $"{id:N}@example.org",
                Language = language,
                District = district,
                Nationality = "NL",
                AgeBand = "25-34",
                Status = PanelMemberStatus.Active,
                Source = "import",
                ConsentVersion = "test",
                CreatedAt = now,
                ManageTokenHash = PersonalTokens.Hash(tokens.LinkToken("member", id.ToString("D"))),
            };
        }).ToList();
        db.PanelMembers.AddRange(members);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var request = new WaveRequest(surveyId, [$"district={district}"], null, null, null, "now", reminders,
            (closes ?? CityTime.Day(now).AddDays(28)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "test");
        var survey = scope.ServiceProvider.GetRequiredService<Survey.Web.Infrastructure.SurveyLibrary>().Find(surveyId);
        var (plan, problems) = request.Parse(survey, now);
        Assert.Empty(problems);
        var created = await WaveCreation.CreateAsync(db, tokens, plan!, now, CancellationToken.None);
        var wave = Assert.IsType<Wave>(created.Wave);
        var invitations = db.Invitations.Where(i => i.WaveId == wave.Id).ToList();
        return (wave, [.. members.Select(m => invitations.Single(i => i.MemberId == m.Id)).Select(i =>
            new Invited(members.Single(m => m.Id == i.MemberId), i, tokens.LinkToken("invitation", $"{wave.Id}:{i.MemberId:D}")))]);
    }

    /// <summary>Answers the flowtest survey from its first page (colour red: no blue page) with <paramref name="remark"/> as the remark, and sends it.</summary>
    public static async Task<HtmlPage> CompleteFlowtestAsync(RespondentClient client, HtmlPage first, string remark)
    {
        ArgumentNullException.ThrowIfNull(client);
        var second = await client.PostAsync(first, ("colour", "red"), ("age", "42"), ("remark", remark), ("nav", "next"));
        var last = await client.PostAsync(second, ("pets", "cat"), ("mark", "8"), ("nav", "next"));
        var check = await client.PostAsync(last,
            ("district", "merenwijk"), ("grid:a", "1"), ("grid:b", "2"), ("moved", "2015"),
            ("day:day", "15"), ("day:month", "3"), ("day:year", "2024"), ("nav", "next"));
        Assert.EndsWith("/check", check.Path, StringComparison.Ordinal);
        return await client.PostAsync(check);
    }
}
