using Microsoft.Extensions.DependencyInjection;
using Quartz;
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
    public async Task ResponseArrivedAsync_ResponseEveryMinute_TriggerNeverLaterThanMaxWaitAfterFirst()
    {
        var results = app.Services.GetRequiredService<IResultsScheduler>();
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = QuartzResultsScheduler.DebounceKey(SurveyId);
        await scheduler.UnscheduleJob(key);
        var first = app.Clock.GetUtcNow();
        var fireAt = new List<double>();
        try
        {
            // Every minute for 14 minutes: each response would put the run off to 2 minutes later, but not past 15.
            ITrigger? trigger = null;
            for (var minute = 0; minute <= 14; minute++)
            {
                await results.ResponseArrivedAsync(SurveyId);
                trigger = (await scheduler.GetTrigger(key))!;
                fireAt.Add((trigger.StartTimeUtc - first).TotalSeconds);
                if (minute < 14)
                {
                    // Not after the last response: the clock would reach the trigger's time and the scheduler fire it.
                    app.Clock.Advance(TimeSpan.FromSeconds(60));
                }
            }

            Assert.Equal([120, 180, 240, 300, 360, 420, 480, 540, 600, 660, 720, 780, 840, 900, 900], fireAt);
            Assert.NotNull(trigger);
            Assert.Equal([QuartzResultsScheduler.BurstStartKey, QuartzResultsScheduler.SurveyIdKey], trigger.JobDataMap.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(first.UtcTicks, trigger.JobDataMap.GetLong(QuartzResultsScheduler.BurstStartKey));
        }
        finally
        {
            await scheduler.UnscheduleJob(key);
            app.Clock.Set(first);
        }
    }

    [Fact]
    public async Task ResponseArrivedAsync_NoPendingTrigger_StartsNewBurstAtThisResponse()
    {
        var results = app.Services.GetRequiredService<IResultsScheduler>();
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = QuartzResultsScheduler.DebounceKey(SurveyId);
        var first = app.Clock.GetUtcNow();
        try
        {
            await results.ResponseArrivedAsync(SurveyId);
            await scheduler.UnscheduleJob(key); // as when the debounced run has fired and completed
            app.Clock.Advance(TimeSpan.FromMinutes(10));

            await results.ResponseArrivedAsync(SurveyId);

            var trigger = (await scheduler.GetTrigger(key))!;
            Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromSeconds(120), trigger.StartTimeUtc);
            Assert.Equal(app.Clock.GetUtcNow().UtcTicks, trigger.JobDataMap.GetLong(QuartzResultsScheduler.BurstStartKey));
        }
        finally
        {
            await scheduler.UnscheduleJob(key);
            app.Clock.Set(first);
        }
    }

    [Theory]
    [InlineData(0, 120, 900, 120)] // first response: the debounce wait
    [InlineData(840, 120, 900, 900)] // late in a long burst: the maximum wait
    [InlineData(1000, 120, 900, 1000)] // past the maximum (the scheduler was busy): now, never in the past
    [InlineData(0, 120, 60, 60)] // a maximum shorter than the wait wins
    public void DebouncedTime_LastResponseAfterBurstStart_IsEarlierOfWaitAndMaximum(int nowSeconds, int debounce, int max, int expectedSeconds)
    {
        var options = new ResultsOptions { DebounceSeconds = debounce, DebounceMaxSeconds = max };

        var at = QuartzResultsScheduler.DebouncedTime(Start.AddSeconds(nowSeconds), Start, options);

        Assert.Equal(Start.AddSeconds(expectedSeconds), at);
    }
}
