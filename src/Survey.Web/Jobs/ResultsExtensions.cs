using Survey.Web.Results;

namespace Survey.Web.Jobs;

public static class ResultsExtensions
{
    /// <summary>
    /// Weighted results: the application services (<see cref="ResultsCalculator"/>, <see cref="ResultsRunner"/>,
    /// <see cref="ResultsQueries"/>), the Hangfire scheduler behind <see cref="IResultsScheduler"/> with its debounce
    /// (<see cref="ResultsDebounce"/>, swept by <see cref="ResultsDebounceSweeper"/>), and the start-up step that puts
    /// right what a stopped process left (<see cref="InterruptedRuns"/>). The nightly run is a recurring job
    /// (<see cref="JobsExtensions.UseSurveyJobs"/>). Settings: the <c>Results</c> section (<see cref="ResultsOptions"/>).
    /// </summary>
    public static WebApplicationBuilder AddSurveyResults(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ResultsOptions>(builder.Configuration.GetSection(ResultsOptions.Section));
        builder.Services.AddSingleton<ISurveyTargetsSource, CatalogTargetsSource>();
        builder.Services.AddScoped<ResultsCalculator>();
        builder.Services.AddScoped<ResultsRunner>();
        builder.Services.AddScoped<ResultsQueries>();
        builder.Services.AddScoped<RecomputeResultsJob>();
        builder.Services.AddScoped<ResultsNightlyJob>();
        builder.Services.AddSingleton<ResultsDebounce>();
        builder.Services.AddSingleton<HangfireResultsScheduler>();
        builder.Services.AddSingleton<IResultsScheduler>(sp => sp.GetRequiredService<HangfireResultsScheduler>());
        builder.Services.AddSingleton<ResultsDebounceSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ResultsDebounceSweeper>());
        builder.Services.AddHostedService<InterruptedRuns>();
        return builder;
    }
}
