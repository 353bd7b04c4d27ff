using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Web.Jobs;
using Survey.Web.Results;
using Survey.Web.Tests.Results;

namespace Survey.Web.Tests.Jobs;

/// <summary>
/// A snapshot made before disclosure control also hid bases shows bases that can give away a hidden figure: the next
/// start recomputes it, even though no response arrived since.
/// </summary>
[Collection(ResultsFixtureGroup.Name)]
public sealed class OldSnapshotTests(ResultsAppFactory app)
{
    [Fact]
    public async Task RecoverAsync_LatestSnapshotWithoutHiddenBaseFlags_IsRecomputed()
    {
        await app.SeedAsync(60);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var runner = scope.ServiceProvider.GetRequiredService<ResultsRunner>();
        var runId = await runner.QueueAsync(ResultsAppFactory.SurveyId, ResultRunTrigger.OnDemand, CancellationToken.None);
        Assert.True((await runner.RunAsync(runId, CancellationToken.None)).Succeeded);
        var debounce = app.Services.GetRequiredService<ResultsDebounce>();
        debounce.Cancel(ResultsAppFactory.SurveyId);
        try
        {
            await debounce.RecoverAsync(db, [(ResultsAppFactory.SurveyId, ResultsAppFactory.Version)], CancellationToken.None);
            Assert.Null(debounce.DueAt(ResultsAppFactory.SurveyId));

            // As the older engine wrote it: the same cells without the property.
            var latest = await db.ResultSnapshots.OrderByDescending(s => s.Id).FirstAsync();
            Assert.Contains(ResultsDebounce.HiddenBaseFlag, latest.CellsJson, StringComparison.Ordinal);
            latest.CellsJson = latest.CellsJson.Replace("," + ResultsDebounce.HiddenBaseFlag + ":false", "", StringComparison.Ordinal)
                .Replace("," + ResultsDebounce.HiddenBaseFlag + ":true", "", StringComparison.Ordinal);
            await db.SaveChangesAsync();
            await debounce.RecoverAsync(db, [(ResultsAppFactory.SurveyId, ResultsAppFactory.Version)], CancellationToken.None);

            Assert.NotNull(debounce.DueAt(ResultsAppFactory.SurveyId));
        }
        finally
        {
            debounce.Cancel(ResultsAppFactory.SurveyId);
        }
    }
}
