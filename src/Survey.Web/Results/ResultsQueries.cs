using Microsoft.EntityFrameworkCore;
using Survey.Data;

namespace Survey.Web.Results;

/// <summary>What the researcher pages read: the latest good snapshot and the recent runs with their progress.</summary>
public sealed class ResultsQueries(SurveyDbContext db)
{
    /// <summary>The most recently computed snapshot of the survey (any version), or null when none succeeded yet.</summary>
    public Task<ResultSnapshot?> LatestSnapshotAsync(string surveyId, CancellationToken cancellationToken = default) =>
        db.ResultSnapshots.AsNoTracking()
            .Where(s => s.SurveyId == surveyId)
            .OrderByDescending(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The survey's most recent runs, newest first (state, progress, attempt, error, times).</summary>
    public async Task<IReadOnlyList<ResultRun>> RunsAsync(string surveyId, int take = 20, CancellationToken cancellationToken = default) =>
        await db.ResultRuns.AsNoTracking()
            .Where(r => r.SurveyId == surveyId)
            .OrderByDescending(r => r.Id)
            .Take(take)
            .ToListAsync(cancellationToken);

    /// <summary>One run, for following an on-demand run by the id <see cref="IResultsScheduler.RequestNowAsync"/> returned.</summary>
    public Task<ResultRun?> RunAsync(long runId, CancellationToken cancellationToken = default) =>
        db.ResultRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
}
