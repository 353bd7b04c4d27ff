using Microsoft.Extensions.DependencyInjection;
using Survey.Web.Jobs;
using Survey.Web.Results;

namespace Survey.Web.Tests.Jobs;

/// <summary>The debounced recomputation after responses, on the app's default settings (wait 120 s, at most 900 s).</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class DebounceTests(SurveyAppFactory app)
{
    private const string SurveyId = "weighttest";
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 22, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task ResponseArrivedAsync_ResponseEveryMinute_DueNeverLaterThanMaxWaitAfterFirst()
    {
        var results = app.Services.GetRequiredService<IResultsScheduler>();
        var debounce = app.Services.GetRequiredService<ResultsDebounce>();
        debounce.Cancel(SurveyId);
        var first = app.Clock.GetUtcNow();
        var dueAt = new List<double>();
        try
        {
            // Every minute for 14 minutes: each response would put the run off to 2 minutes later, but not past 15.
            for (var minute = 0; minute <= 14; minute++)
            {
                await results.ResponseArrivedAsync(SurveyId);
                dueAt.Add((debounce.DueAt(SurveyId)!.Value - first).TotalSeconds);
                if (minute < 14)
                {
                    app.Clock.Advance(TimeSpan.FromSeconds(60));
                }
            }

            Assert.Equal([120, 180, 240, 300, 360, 420, 480, 540, 600, 660, 720, 780, 840, 900, 900], dueAt);
        }
        finally
        {
            debounce.Cancel(SurveyId);
            app.Clock.Set(first);
        }
    }

    [Fact]
    public async Task ResponseArrivedAsync_AfterDueRunWasTaken_StartsNewBurstAtThisResponse()
    {
        var results = app.Services.GetRequiredService<IResultsScheduler>();
        var debounce = app.Services.GetRequiredService<ResultsDebounce>();
        debounce.Cancel(SurveyId);
        var first = app.Clock.GetUtcNow();
        try
        {
            await results.ResponseArrivedAsync(SurveyId);
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Contains(SurveyId, debounce.TakeDue()); // as the sweeper does when the wait is over

            await results.ResponseArrivedAsync(SurveyId);

            Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromSeconds(120), debounce.DueAt(SurveyId));
        }
        finally
        {
            debounce.Cancel(SurveyId);
            app.Clock.Set(first);
        }
    }

    [Fact]
    public async Task ResponseArrivedAsync_SurveyWithoutTargets_RaisesNoFlag()
    {
        var debounce = app.Services.GetRequiredService<ResultsDebounce>();

        await app.Services.GetRequiredService<IResultsScheduler>().ResponseArrivedAsync("flowtest");

        Assert.Null(debounce.DueAt("flowtest"));
    }

    [Fact]
    public void TakeDue_BeforeAndAfterWait_ReturnsSurveyOnlyOnceWhenDue()
    {
        var debounce = app.Services.GetRequiredService<ResultsDebounce>();
        debounce.Cancel(SurveyId);
        var first = app.Clock.GetUtcNow();
        try
        {
            debounce.Arrived(SurveyId);
            app.Clock.Advance(TimeSpan.FromSeconds(119));
            var early = debounce.TakeDue();
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            var due = debounce.TakeDue();
            var again = debounce.TakeDue();

            Assert.DoesNotContain(SurveyId, early);
            Assert.Contains(SurveyId, due);
            Assert.DoesNotContain(SurveyId, again);
        }
        finally
        {
            debounce.Cancel(SurveyId);
            app.Clock.Set(first);
        }
    }

    [Theory]
    [InlineData(0, 120, 900, 120)] // first response: the debounce wait
    [InlineData(840, 120, 900, 900)] // late in a long burst: the maximum wait
    [InlineData(1000, 120, 900, 1000)] // past the maximum (the sweep was late): now, never in the past
    [InlineData(0, 120, 60, 60)] // a maximum shorter than the wait wins
    public void DebouncedTime_LastResponseAfterBurstStart_IsEarlierOfWaitAndMaximum(int nowSeconds, int debounce, int max, int expectedSeconds)
    {
        var options = new ResultsOptions { DebounceSeconds = debounce, DebounceMaxSeconds = max };

        var at = ResultsDebounce.DebouncedTime(Start.AddSeconds(nowSeconds), Start, options);

        Assert.Equal(Start.AddSeconds(expectedSeconds), at);
    }
}
