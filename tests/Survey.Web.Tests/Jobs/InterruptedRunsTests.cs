using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Web.Jobs;

namespace Survey.Web.Tests.Jobs;

/// <summary>A restart: runs a previous process left unfinished are in the database before the app starts.</summary>
public sealed class InterruptedRunsTests
{
    private const string Password = "correct horse battery";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Start_RunsLeftQueuedOrRunning_ShowAsInterruptedAndSurveyWithTargetsIsRunAgain()
    {
        await using var app = new SurveyAppFactory();
        var before = app.Clock.GetUtcNow() - TimeSpan.FromHours(1);
        var done = Run("weighttest", ResultRunState.Succeeded, before);
        done.FinishedAt = before;
        var (running, queued, noTargets, gone) = (Run("weighttest", ResultRunState.Running, before), Run("weighttest", ResultRunState.Queued, before),
            Run("flowtest", ResultRunState.Running, before), Run("no-longer-served", ResultRunState.Queued, before));
        await SeedBeforeStartAsync(app.DatabasePath, done, running, queued, noTargets, gone);

        var runs = app.WithDb(db => db.ResultRuns.AsNoTracking().ToDictionary(r => r.Id));

        foreach (var id in new[] { running.Id, queued.Id, noTargets.Id, gone.Id })
        {
            Assert.Equal((ResultRunState.Failed, InterruptedRuns.Error, "interrupted", app.Clock.GetUtcNow()), (runs[id].State, runs[id].Error, runs[id].ErrorKey, runs[id].FinishedAt));
        }
        Assert.Equal((ResultRunState.Succeeded, (string?)null, before), (runs[done.Id].State, runs[done.Id].Error, runs[done.Id].FinishedAt));
        var again = Assert.Single(runs.Values, r => r.Id > gone.Id);
        Assert.Equal(("weighttest", ResultRunTrigger.Schedule), (again.SurveyId, again.Trigger));
        var picked = await WaitForAsync(() => app.WithDb(db => db.ResultRuns.AsNoTracking().Single(r => r.Id == again.Id)) is { Attempt: > 0 } run ? run : null);
        Assert.NotEqual(ResultRunState.Queued, picked.State);

        var index = await (await SignedInClientAsync(app)).GetAsync("/en/research");
        Assert.Matches(@"failed, 0% \(attempt 1, [^)]+\)\. Error: " + Regex.Escape(InterruptedRuns.Error), index.Text);
    }

    [Fact]
    public async Task Start_NoRunLeftUnfinished_ChangesAndQueuesNothing()
    {
        await using var app = new SurveyAppFactory();
        var done = Run("weighttest", ResultRunState.Succeeded, app.Clock.GetUtcNow());
        await SeedBeforeStartAsync(app.DatabasePath, done);

        var run = Assert.Single(app.WithDb(db => db.ResultRuns.AsNoTracking().ToList()));

        Assert.Equal((done.Id, ResultRunState.Succeeded, (string?)null), (run.Id, run.State, run.Error));
    }

    private static async Task SeedBeforeStartAsync(string databasePath, params ResultRun[] runs)
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={databasePath};Pooling=False");
        await using var db = new SurveyDbContext(options.Options);
        await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
        db.ResultRuns.AddRange(runs);
        await db.SaveChangesAsync();
    }

    private static ResultRun Run(string surveyId, ResultRunState state, DateTimeOffset at) => new()
    {
        SurveyId = surveyId, Trigger = ResultRunTrigger.OnDemand, State = state, RequestedAt = at,
        StartedAt = state == ResultRunState.Queued ? null : at, Attempt = state == ResultRunState.Queued ? 0 : 1,
    };

    private static async Task<RespondentClient> SignedInClientAsync(SurveyAppFactory app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ResearcherAccounts>().CreateAsync("restart", Password);
        }
        var client = RespondentClient.For(app);
        var login = await client.GetAsync("/en/research/login");
        var page = await client.PostAsync(login, ("username", "restart"), ("password", Password));
        Assert.Equal("/en/research", page.Path);
        return client;
    }

    // Polls until the background job got there; the bound only stops a broken test from hanging, it asserts no timing.
    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
