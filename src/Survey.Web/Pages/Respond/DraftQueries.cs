using Microsoft.EntityFrameworkCore;
using Survey.Data;

namespace Survey.Web.Pages.Respond;

/// <summary>
/// The draft look-up of every question and check page (GET and POST), compiled once: EF Core then skips finding the
/// LINQ in its query cache on each request. Reads only: they never wait for a writer (WAL) nor for the write gate.
/// </summary>
internal static class DraftQueries
{
    private static readonly Func<SurveyDbContext, string, string, CancellationToken, Task<Draft?>> Tracked =
        EF.CompileAsyncQuery((SurveyDbContext db, string token, string surveyId, CancellationToken _) =>
            db.Drafts.SingleOrDefault(d => d.Token == token && d.SurveyId == surveyId));

    private static readonly Func<SurveyDbContext, string, string, CancellationToken, Task<Draft?>> Untracked =
        EF.CompileAsyncQuery((SurveyDbContext db, string token, string surveyId, CancellationToken _) =>
            db.Drafts.AsNoTracking().SingleOrDefault(d => d.Token == token && d.SurveyId == surveyId));

    /// <summary>The draft of <paramref name="token"/> in <paramref name="surveyId"/>; tracked when the page is going to save it.</summary>
    public static Task<Draft?> FindAsync(SurveyDbContext db, string token, string surveyId, bool tracking, CancellationToken cancellationToken) =>
        (tracking ? Tracked : Untracked)(db, token, surveyId, cancellationToken);
}
