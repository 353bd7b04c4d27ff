using Quartz;
using Survey.Web.Results;

namespace Survey.Web.Jobs;

public static class ResultsExtensions
{
    /// <summary>
    /// Weighted results: the application services (<see cref="ResultsCalculator"/>, <see cref="ResultsRunner"/>,
    /// <see cref="ResultsQueries"/>), the scheduler behind <see cref="IResultsScheduler"/>, the Quartz jobs with the
    /// nightly trigger, and the start-up step that reruns what a restart interrupted (<see cref="InterruptedRuns"/>).
    /// Settings: the <c>Results</c> section (<see cref="ResultsOptions"/>).
    /// </summary>
    public static WebApplicationBuilder AddSurveyResults(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ResultsOptions.Section);
        builder.Services.Configure<ResultsOptions>(section);
        var options = section.Get<ResultsOptions>() ?? new ResultsOptions();

        builder.Services.AddSingleton<ISurveyTargetsSource, CatalogTargetsSource>();
        builder.Services.AddScoped<ResultsCalculator>();
        builder.Services.AddScoped<ResultsRunner>();
        builder.Services.AddScoped<ResultsQueries>();
        builder.Services.AddSingleton<QuartzResultsScheduler>();
        builder.Services.AddSingleton<IResultsScheduler>(sp => sp.GetRequiredService<QuartzResultsScheduler>());
        builder.Services.AddHostedService<InterruptedRuns>();
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<RecomputeResultsJob>(j => j.WithIdentity(RecomputeResultsJob.Key).StoreDurably());
            q.AddJob<ResultsNightlyJob>(j => j.WithIdentity(ResultsNightlyJob.Key));
            q.AddTrigger(t => t.ForJob(ResultsNightlyJob.Key).WithIdentity("results-nightly", QuartzResultsScheduler.Group)
                .WithCronSchedule(options.NightlyCron, c => c.InTimeZone(TimeZoneInfo.Utc)));
        });
        return builder;
    }
}
