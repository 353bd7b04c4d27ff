using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Web.Jobs;
using Survey.Web.Results;

namespace Survey.Web.Tests.Results;

[Collection(ResultsFixtureGroup.Name)]
public sealed class ResultsTests(ResultsAppFactory app)
{
    private const string SurveyId = ResultsAppFactory.SurveyId;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ComputeAsync_SeededResponses_WeightsSumToTargetTotalAndCellsCoverEveryGroup()
    {
        await app.SeedAsync(60);

        var snapshot = await WithScopeAsync(sp => sp.GetRequiredService<ResultsCalculator>().ComputeAsync(SurveyId, new Progress<int>(), CancellationToken.None));

        var report = ResultsJson.Report(snapshot);
        Assert.Equal(10000, report.TargetTotal);
        Assert.Equal(10000, report.WeightTotal, 1e-6);
        Assert.Equal(60 - 8, report.Included); // i % 7 == 6 answered gender "prefer not to say": missing, so not weighted
        var cells = ResultsJson.Cells(snapshot);
        Assert.Equal(["all", "eu", "nl", "non_eu"], cells.Select(c => c.Group).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(
            ["grid.parks", "grid.streets", "mark", "safe", "transport.bike", "transport.bus", "years"],
            cells.Select(c => c.Question).Distinct().Order(StringComparer.Ordinal));
        var safeYes = cells.Single(c => c is { Question: "safe", Option: "yes", Group: "all" });
        Assert.InRange(safeYes.Value!.Value, 0.5, 1);
        Assert.Contains(ResultsJson.Tests(snapshot), t => t.Question == "safe" && t.By == "nationality_group");
        Assert.Equal("nationality_group", snapshot.GroupVariable);
    }

    [Fact]
    public async Task RunAsync_Succeeded_SnapshotRecordsSurveyVersionCountTimeAndRun()
    {
        await app.SeedAsync(48);

        var runId = await QueueAsync(ResultRunTrigger.OnDemand);
        var outcome = await RunAsync(runId);

        Assert.Equal(new ResultsRunOutcome(true, null), outcome);
        var snapshot = (await QueryAsync(q => q.LatestSnapshotAsync(SurveyId)))!;
        Assert.Equal((runId, 3, 48, app.Clock.GetUtcNow()), (snapshot.RunId, snapshot.SurveyVersion, snapshot.ResponseCount, snapshot.ComputedAt));
        var run = (await QueryAsync(q => q.RunAsync(runId)))!;
        Assert.Equal((ResultRunState.Succeeded, 100, 1, (string?)null), (run.State, run.Progress, run.Attempt, run.Error));
    }

    [Fact]
    public async Task RunAsync_MarginCategoryWithoutRespondents_FailsNamingItAndKeepsLastGoodSnapshot()
    {
        await app.SeedAsync(60);
        var good = await RunAsync(await QueueAsync(ResultRunTrigger.OnDemand));
        Assert.True(good.Succeeded);
        var lastGood = (await QueryAsync(q => q.LatestSnapshotAsync(SurveyId)))!;
        await app.SeedAsync(60, without: "non_eu");

        var runId = await QueueAsync(ResultRunTrigger.NewResponses);
        var outcome = await RunAsync(runId);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("no respondent in nationality_group 'non_eu'", outcome.Error, StringComparison.Ordinal);
        var run = (await QueryAsync(q => q.RunAsync(runId)))!;
        Assert.Equal(ResultRunState.Failed, run.State);
        Assert.StartsWith("no respondent in nationality_group 'non_eu'", run.Error, StringComparison.Ordinal);
        Assert.Equal(lastGood.Id, (await QueryAsync(q => q.LatestSnapshotAsync(SurveyId)))!.Id);
        Assert.Contains(await QueryAsync(q => q.RunsAsync(SurveyId)), r => r.Id == runId && r.State == ResultRunState.Failed);
    }

    [Fact]
    public async Task RunAsync_SucceededRunDeliveredAgain_DoesNothing()
    {
        await app.SeedAsync(48);
        var runId = await QueueAsync(ResultRunTrigger.OnDemand);
        Assert.True((await RunAsync(runId)).Succeeded);
        var snapshots = app.WithDb(db => db.ResultSnapshots.Count(s => s.RunId == runId));

        var again = await RunAsync(runId); // Hangfire delivers at least once

        Assert.True(again.Succeeded);
        Assert.Equal((1, 1), (snapshots, app.WithDb(db => db.ResultSnapshots.Count(s => s.RunId == runId))));
        Assert.Equal(1, (await QueryAsync(q => q.RunAsync(runId)))!.Attempt);
    }

    [Fact]
    public async Task ResponseArrivedAsync_ThreeCalls_OneRunQueuedWhenSweptAfterLastCallPlusDebounce()
    {
        var results = app.Services.GetRequiredService<IResultsScheduler>();
        var debounce = app.Services.GetRequiredService<ResultsDebounce>();
        var sweeper = app.Services.GetRequiredService<ResultsDebounceSweeper>();
        await app.SeedAsync(60);
        var before = LastRunId();
        var start = app.Clock.GetUtcNow();
        try
        {
            await results.ResponseArrivedAsync(SurveyId);
            app.Clock.Advance(TimeSpan.FromSeconds(10));
            await results.ResponseArrivedAsync(SurveyId);
            app.Clock.Advance(TimeSpan.FromSeconds(10));
            await results.ResponseArrivedAsync(SurveyId);
            await results.ResponseArrivedAsync("flowtest"); // no targets: nothing to recompute
            var due = debounce.DueAt(SurveyId);
            app.Clock.Advance(ResultsAppFactory.Debounce - TimeSpan.FromSeconds(1));
            await sweeper.SweepAsync(CancellationToken.None);
            var early = LastRunId();
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await sweeper.SweepAsync(CancellationToken.None);

            Assert.Equal(start + TimeSpan.FromSeconds(20) + ResultsAppFactory.Debounce, due);
            Assert.Equal(before, early);
            var queued = app.WithDb(db => db.ResultRuns.Where(r => r.Id > before).Select(r => new { r.Id, r.SurveyId, r.Trigger }).ToList());
            var run = Assert.Single(queued);
            Assert.Equal((SurveyId, ResultRunTrigger.NewResponses), (run.SurveyId, run.Trigger));
            Assert.Equal(ResultRunState.Succeeded, (await WaitUntilFinishedAsync(run.Id)).State);
        }
        finally
        {
            debounce.Cancel(SurveyId);
            app.Clock.Set(start);
        }
    }

    [Fact]
    public async Task Submit_LastPage_RaisesDebounceFlagOfThatSurveyOnly()
    {
        var debounce = app.Services.GetRequiredService<ResultsDebounce>();
        debounce.Cancel(SurveyId);
        try
        {
            var client = RespondentClient.For(app);
            var opinions = await client.PostAsync(await client.StartAsync("en", SurveyId), ("age", "old"), ("nav", "next"));
            var done = await client.PostAsync(await client.PostAsync(opinions, ("safe", "yes"), ("nav", "next")));

            Assert.EndsWith($"/{SurveyId}/done", done.Path, StringComparison.Ordinal);
            Assert.Equal(app.Clock.GetUtcNow() + ResultsAppFactory.Debounce, debounce.DueAt(SurveyId));
            Assert.Null(debounce.DueAt("flowtest"));
        }
        finally
        {
            debounce.Cancel(SurveyId);
        }
    }

    [Fact]
    public async Task RequestNowAsync_OpenSurvey_RunCompletesWithProgress100AndItsSnapshot()
    {
        await app.SeedAsync(60);

        var runId = await app.Services.GetRequiredService<IResultsScheduler>().RequestNowAsync(SurveyId);
        var run = await WaitUntilFinishedAsync(runId);

        Assert.Equal((ResultRunState.Succeeded, 100, ResultRunTrigger.OnDemand), (run.State, run.Progress, run.Trigger));
        Assert.Equal(runId, (await QueryAsync(q => q.LatestSnapshotAsync(SurveyId)))!.RunId);
    }

    [Fact]
    public async Task RequestNowAsync_RunFailsEveryAttempt_HangfireRetriesThenShowsJobFailedWithMessage()
    {
        await app.SeedAsync(60);
        var good = await RunAsync(await QueueAsync(ResultRunTrigger.OnDemand));
        var lastGood = (await QueryAsync(q => q.LatestSnapshotAsync(SurveyId)))!;
        await app.SeedAsync(30, without: "eu");
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();

        var runId = await app.Services.GetRequiredService<IResultsScheduler>().RequestNowAsync(SurveyId);
        var failed = await WaitForAsync(() => Task.FromResult(monitoring.FailedJobs(0, 1000)
            .Select(j => j.Value).FirstOrDefault(j => j.Job.Args[1] is long id && id == runId)));

        Assert.True(good.Succeeded);
        var run = (await QueryAsync(q => q.RunAsync(runId)))!;
        Assert.Equal((ResultRunState.Failed, 4), (run.State, run.Attempt)); // the first attempt and three retries
        Assert.Contains("no respondent in nationality_group 'eu'", failed.ExceptionMessage, StringComparison.Ordinal);
        Assert.Equal(lastGood.Id, (await QueryAsync(q => q.LatestSnapshotAsync(SurveyId)))!.Id);
    }

    [Fact]
    public async Task ComputeAsync_AnyRun_ReportsRisingProgressBelow100()
    {
        await app.SeedAsync(30);
        var reports = new RecordingProgress();

        await WithScopeAsync(sp => sp.GetRequiredService<ResultsCalculator>().ComputeAsync(SurveyId, reports, CancellationToken.None));

        Assert.True(reports.Values.Count >= 5, string.Join(", ", reports.Values));
        Assert.Equal(reports.Values.Order(), reports.Values);
        Assert.InRange(reports.Values[^1], 90, 99);
    }

    [Fact]
    public async Task NightlyJob_OpenSurveys_QueuesScheduledRunOnlyForSurveysWithTargets()
    {
        await app.SeedAsync(60);
        var before = LastRunId();

        await app.Services.GetRequiredService<HangfireResultsScheduler>().QueueOpenSurveysAsync(CancellationToken.None);

        var queued = app.WithDb(db => db.ResultRuns.Where(r => r.Id > before).Select(r => new { r.Id, r.SurveyId, r.Trigger }).ToList());
        var run = Assert.Single(queued);
        Assert.Equal((SurveyId, ResultRunTrigger.Schedule), (run.SurveyId, run.Trigger));
        Assert.Equal(ResultRunState.Succeeded, (await WaitUntilFinishedAsync(run.Id)).State);
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = connection.GetRecurringJobs().ToDictionary(j => j.Id, StringComparer.Ordinal);
        Assert.Equal(("0 2 * * *", "UTC"), (recurring[ResultsNightlyJob.Id].Cron, recurring[ResultsNightlyJob.Id].TimeZoneId));
        Assert.Equal("30 3 * * *", recurring[HousekeepingJob.Id].Cron);
    }

    private sealed class RecordingProgress : IProgress<int>
    {
        public List<int> Values { get; } = [];

        public void Report(int value) => Values.Add(value);
    }

    [Fact]
    public void RetryDelays_Defaults_AreOneFiveFifteenMinutes()
    {
        var options = new ResultsOptions();

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)], options.RetryDelays());
    }

    private long LastRunId() => app.WithDb(db => db.ResultRuns.Select(r => (long?)r.Id).Max()) ?? 0;

    private async Task<ResultRun> WaitUntilFinishedAsync(long runId) =>
        await WaitForAsync(async () => await QueryAsync(q => q.RunAsync(runId)) is { State: ResultRunState.Succeeded or ResultRunState.Failed } run ? run : null);

    // Polls until the background job got there; the bound only stops a broken test from hanging, it asserts no timing.
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    private Task<long> QueueAsync(ResultRunTrigger trigger) =>
        WithScopeAsync(sp => sp.GetRequiredService<ResultsRunner>().QueueAsync(SurveyId, trigger, CancellationToken.None));

    private Task<ResultsRunOutcome> RunAsync(long runId) =>
        WithScopeAsync(sp => sp.GetRequiredService<ResultsRunner>().RunAsync(runId, CancellationToken.None));

    private Task<T> QueryAsync<T>(Func<ResultsQueries, Task<T>> query) => WithScopeAsync(sp => query(sp.GetRequiredService<ResultsQueries>()));

    private async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}
