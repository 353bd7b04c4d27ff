using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;

namespace Survey.Web.Tests.Pages.Panel;

/// <summary>Panel members and waves straight in the test app's database, and the member's self-service token.</summary>
public static class PanelData
{
    public static string NewEmail() => $"m{Guid.NewGuid():N}@example.org";

    public static string TokenOf(SurveyAppFactory app, Guid memberId) =>
        PanelMembers.ManageToken(app.Services.GetRequiredService<PersonalTokens>(), memberId);

    /// <summary>An active member (as if imported) with a nationality; returns it and its token.</summary>
    public static async Task<(PanelMember Member, string Token)> ActiveMemberAsync(SurveyAppFactory app, string language = "en")
    {
        var tokens = app.Services.GetRequiredService<PersonalTokens>();
        var member = PanelMembers.Create(tokens, NewEmail(), language, PanelMembers.SourceImport, "import", app.Clock.GetUtcNow());
        member.Status = PanelMemberStatus.Active;
        member.Nationality = "de";
        member.ConfirmedAt = app.Clock.GetUtcNow();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        db.PanelMembers.Add(member);
        await db.SaveChangesAsync();
        return (member, PanelMembers.ManageToken(tokens, member.Id));
    }

    /// <summary>A wave of the test survey with one invitation per status given, for <paramref name="memberId"/>.</summary>
    public static async Task<List<long>> InvitationsAsync(SurveyAppFactory app, Guid memberId, params InvitationStatus[] statuses)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var wave = new Wave { SurveyId = "flowtest", Kind = WaveKind.Panel, CreatedBy = "test", SelectionJson = "{}", ReminderDays = "", ClosesOn = new DateOnly(2026, 12, 31), SendAt = app.Clock.GetUtcNow() };
        db.Waves.Add(wave);
        await db.SaveChangesAsync();
        var ids = new List<long>();
        foreach (var status in statuses)
        {
            var invitation = new Invitation { WaveId = wave.Id, MemberId = memberId, Language = "en", TokenHash = Guid.NewGuid().ToString("N"), Status = status, Stratum = "de" };
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            ids.Add(invitation.Id);
        }
        return ids;
    }

    public static T Db<T>(SurveyAppFactory app, Func<SurveyDbContext, T> query) => app.WithDb(query);

    public static List<OutboxMessage> Outbox(SurveyAppFactory app, Guid memberId) =>
        app.WithDb(db => db.Outbox.AsNoTracking().Where(o => o.MemberId == memberId).OrderBy(o => o.Id).ToList());
}
