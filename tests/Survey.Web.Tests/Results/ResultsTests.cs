using Microsoft.Extensions.DependencyInjection;
using Quartz;
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
        Assert.Equal(TimeSpan.FromMinutes(1), outcome.RetryAfter);
        var run = (await QueryAsync(q => q.RunAsync(runId)))!;
        Assert.Equal(ResultRunState.Failed, run.State);
        Assert.StartsWith("no respondent in nationality_group 'non_eu'", run.Error, StringComparison.Ordinal);
        Assert.Equal(lastGood.Id, (await QueryAsync(q => q.LatestSnapshotAsync(SurveyId)))!.Id);
        Assert.Contains(await QueryAsync(q => q.RunsAsync(SurveyId)), r => r.Id == runId && r.State == ResultRunState.Failed);
    }

    [Fact]
    public async Task RunAsync_FailingEveryAttempt_AsksForBackoffOfOneFiveFifteenMinutesThenGivesUp()
    {
        await app.SeedAsync(30, without: "eu");
        var runId = await QueueAsync(ResultRunTrigger.Schedule);

        var waits = new List<TimeSpan?>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            waits.Add((await RunAsync(runId)).RetryAfter);
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), null], waits);
        Assert.Equal((ResultRunState.Failed, 4), await QueryAsync(async q => (await q.RunAsync(runId))!) is var run ? (run.State, run.Attempt) : default);
    }

    [Fact]
    public async Task ResponseArrivedAsync_ThreeCalls_LeaveOneTriggerAtLastCallPlusDebounce()
    {
        var results = app.Services.GetRequiredService<IResultsScheduler>();
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        try
        {
            await results.ResponseArrivedAsync(SurveyId);
            app.Clock.Advance(TimeSpan.FromSeconds(10));
            await results.ResponseArrivedAsync(SurveyId);
            app.Clock.Advance(TimeSpan.FromSeconds(10));
            await results.ResponseArrivedAsync(SurveyId);
            await results.ResponseArrivedAsync("flowtest"); // no targets: nothing to recompute

            var triggers = (await scheduler.GetTriggersOfJob(RecomputeResultsJob.Key)).Where(t => t.Key.Name.StartsWith("debounce-", StringComparison.Ordinal)).ToList();
            var trigger = Assert.Single(triggers);
            Assert.Equal(QuartzResultsScheduler.DebounceKey(SurveyId), trigger.Key);
            Assert.Equal(app.Clock.GetUtcNow() + ResultsAppFactory.Debounce, trigger.StartTimeUtc);
            Assert.Equal([QuartzResultsScheduler.BurstStartKey, QuartzResultsScheduler.SurveyIdKey], trigger.JobDataMap.Keys.Order(StringComparer.Ordinal));
        }
        finally
        {
            await scheduler.UnscheduleJob(QuartzResultsScheduler.DebounceKey(SurveyId));
        }
    }

    [Fact]
    public async Task Submit_LastPage_SchedulesDebouncedRecomputeOfThatSurveyOnly()
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = QuartzResultsScheduler.DebounceKey(SurveyId);
        await scheduler.UnscheduleJob(key);
        try
        {
            var client = RespondentClient.For(app);
            var opinions = await client.PostAsync(await client.StartAsync("en", SurveyId), ("age", "old"), ("nav", "next"));
            var done = await client.PostAsync(await client.PostAsync(opinions, ("safe", "yes"), ("nav", "next")));

            Assert.EndsWith($"/{SurveyId}/done", done.Path, StringComparison.Ordinal);
            var trigger = await scheduler.GetTrigger(key);
            Assert.NotNull(trigger);
            Assert.Equal(app.Clock.GetUtcNow() + ResultsAppFactory.Debounce, trigger.StartTimeUtc);
            Assert.Equal(SurveyId, trigger.JobDataMap.GetString(QuartzResultsScheduler.SurveyIdKey));
            Assert.Equal([QuartzResultsScheduler.BurstStartKey, QuartzResultsScheduler.SurveyIdKey], trigger.JobDataMap.Keys.Order(StringComparer.Ordinal));
        }
        finally
        {
            await scheduler.UnscheduleJob(key);
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
    public async Task RequestNowAsync_RunFails_JobSchedulesRetryOneMinuteLater()
    {
        await app.SeedAsync(30, without: "eu");
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var runId = await app.Services.GetRequiredService<IResultsScheduler>().RequestNowAsync(SurveyId);
        var run = await WaitUntilFinishedAsync(runId);
        // The on-demand trigger itself (due now) stays stored until its firing completes: look for the later one.
        var retry = await WaitForAsync(async () => (await scheduler.GetTriggersOfJob(RecomputeResultsJob.Key))
            .SingleOrDefault(t => t.JobDataMap.TryGetLong(QuartzResultsScheduler.RunIdKey, out var id) && id == runId && t.StartTimeUtc > app.Clock.GetUtcNow()));
        try
        {
            Assert.Equal(ResultRunState.Failed, run.State);
            Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), retry.StartTimeUtc);
        }
        finally
        {
            await scheduler.UnscheduleJob(retry.Key);
        }
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
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var before = app.WithDb(db => db.ResultRuns.Select(r => (long?)r.Id).Max()) ?? 0;

        await app.Services.GetRequiredService<QuartzResultsScheduler>().QueueOpenSurveysAsync(CancellationToken.None);

        var queued = app.WithDb(db => db.ResultRuns.Where(r => r.Id > before).Select(r => new { r.Id, r.SurveyId, r.Trigger }).ToList());
        var run = Assert.Single(queued);
        Assert.Equal((SurveyId, ResultRunTrigger.Schedule), (run.SurveyId, run.Trigger));
        Assert.Equal(ResultRunState.Succeeded, (await WaitUntilFinishedAsync(run.Id)).State);
        var nightly = Assert.IsType<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey("results-nightly", QuartzResultsScheduler.Group)), exactMatch: false);
        Assert.Equal("0 0 2 * * ?", nightly.CronExpressionString);
    }

    private sealed class RecordingProgress : IProgress<int>
    {
        public List<int> Values { get; } = [];

        public void Report(int value) => Values.Add(value);
    }

    [Fact]
    public void RetryDelay_Defaults_AreOneFiveFifteenMinutesThenNone()
    {
        var options = new ResultsOptions();

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), null], Enumerable.Range(1, 4).Select(options.RetryDelay));
    }

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
