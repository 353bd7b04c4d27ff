using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Respond;

/// <summary>
/// Personal invitations in the respondent flow: a mailed link's token or a letter's access code opens the survey once.
/// The first use starts a draft that remembers the invitation; using it again while the draft is open continues that
/// draft; once the response is sent (marked answered by <see cref="QuestionModel.Handler.SubmitAsync"/>) or the wave has closed, it opens nothing. Every
/// refusal is the same, so a visitor cannot tell an unknown code from a used or expired one.
/// </summary>
public static class Invitations
{
    /// <summary>What redeeming a token or code led to: a draft to continue at its first page, or nothing.</summary>
    public sealed record Redeemed(Draft Draft, SurveyDefinition Survey, LanguageTag Language);

    /// <summary>
    /// Finds the open invitation for <paramref name="typed"/> (a link token or an access code, as typed) and returns its
    /// draft, started now in the invitation's language (or <paramref name="language"/> for letters, whose codes are typed
    /// on a page in the reader's language), or null when it opens nothing.
    /// </summary>
    public static async Task<Redeemed?> RedeemAsync(
        SurveyDbContext db, SurveyLibrary library, string? typed, LanguageTag? language, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(library);
        var normalized = PersonalTokens.Normalize(typed);
        if (normalized is null)
        {
            return null;
        }
        var hash = PersonalTokens.Hash(normalized);
        var found = await db.Invitations.AsNoTracking()
            .Where(i => i.TokenHash == hash)
            .Join(db.Waves, i => i.WaveId, w => w.Id, (i, w) => new { Invitation = i, Wave = w })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.Invitation.Status is InvitationStatus.Answered or InvitationStatus.OptedOut || today > found.Wave.ClosesOn)
        {
            return null;
        }
        var survey = library.Find(found.Wave.SurveyId);
        if (survey is null || survey.Status != SurveyStatus.Open)
        {
            return null;
        }
        var lang = found.Wave.Kind == WaveKind.Letters && language is { } typedIn ? typedIn : new LanguageTag(found.Invitation.Language);
        if (!survey.Languages.Contains(lang))
        {
            lang = survey.Languages[0];
        }
        var existing = await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.InvitationId == found.Invitation.Id, cancellationToken);
        if (existing is not null && existing.SurveyVersion == survey.Version)
        {
            return new Redeemed(existing, survey, new LanguageTag(existing.Language));
        }
        var draft = await IntroModel.Handler.StartAsync(db, survey, lang, today, cancellationToken, found.Invitation.Id);
        return new Redeemed(draft, survey, lang);
    }
}
