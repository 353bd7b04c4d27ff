using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using Survey.Web.Infrastructure;
using Survey.Web.Results;

namespace Survey.Web.Jobs;

public static class JobsExtensions
{
    /// <summary>
    /// Hangfire: storage chosen by <see cref="JobsOptions.Storage"/> (the embedded SQLite file, <c>data/jobs.db</c> by
    /// default), an in-process server, and the jobs' filters. Storage, activator and filters are this app's own services,
    /// not Hangfire's static defaults, so that two apps in one process (tests) never share a queue.
    /// </summary>
    public static WebApplicationBuilder AddSurveyJobs(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(JobsOptions.Section);
        builder.Services.Configure<JobsOptions>(section);
        var options = section.Get<JobsOptions>() ?? new JobsOptions();
        var path = StoragePath(builder, options);

        builder.Services.AddSingleton<JobStorage>(sp => options.Storage switch
        {
            JobsOptions.SqliteStorage => JobStorageFile.Open(path, options, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JobStorageFile))),
            _ => throw new InvalidOperationException($"Jobs:Storage '{options.Storage}' is not supported; use '{JobsOptions.SqliteStorage}'."),
        });
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddSingleton<IJobFilterProvider>(sp => Filters(sp.GetRequiredService<IOptions<ResultsOptions>>().Value));
        builder.Services.AddHangfire((sp, config) => config
            .UseLogProvider(new DisposalSafeLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        builder.Services.AddHangfireServer((sp, server) =>
        {
            server.WorkerCount = Math.Max(1, options.WorkerCount);
            server.SchedulePollingInterval = TimeSpan.FromSeconds(options.SchedulePollSeconds);
            server.ServerName = "survey";
        });

        builder.Services.AddScoped<DraftCleanup>();
        builder.Services.AddScoped<HousekeepingJob>();
        builder.Services.AddSingleton<HousekeepingRecord>();
        builder.Services.AddScoped<WaveRemindersJob>();
        return builder;
    }

    /// <summary>
    /// Sets up the recurring jobs (nightly results, housekeeping, queued once now as well when the nightly run was missed)
    /// and the jobs dashboard for administrators (<see cref="JobsDashboard"/>).
    /// </summary>
    public static WebApplication UseSurveyJobs(this WebApplication app)
    {
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        var results = app.Services.GetRequiredService<IOptions<ResultsOptions>>().Value;
        var jobs = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        recurring.AddOrUpdate<ResultsNightlyJob>(ResultsNightlyJob.Id, job => job.RunAsync(CancellationToken.None), results.NightlyCron, utc);
        recurring.AddOrUpdate<HousekeepingJob>(HousekeepingJob.Id, job => job.RunAsync(CancellationToken.None), jobs.HousekeepingCron, utc);
        recurring.AddOrUpdate<WaveRemindersJob>(WaveRemindersJob.Id, job => job.RunAsync(CancellationToken.None), jobs.WaveRemindersCron, utc);
        if (app.Services.GetRequiredService<HousekeepingRecord>().NightlyRunMissed())
        {
            app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<HousekeepingJob>(job => job.RunAsync(CancellationToken.None));
        }
        JobsDashboard.Map(app);
        return app;
    }

    private static string StoragePath(WebApplicationBuilder builder, JobsOptions options)
    {
        var platform = builder.Configuration.GetSection(SurveyPlatformOptions.Section).Get<SurveyPlatformOptions>() ?? new SurveyPlatformOptions();
        var database = platform.Resolve(builder.Environment.ContentRootPath, platform.DatabasePath);
        return string.IsNullOrWhiteSpace(options.StoragePath)
            ? Path.Combine(Path.GetDirectoryName(database)!, "jobs.db")
            : platform.Resolve(builder.Environment.ContentRootPath, options.StoragePath);
    }

    /// <summary>
    /// Hangfire's default filters without <see cref="CaptureCultureAttribute"/> (nothing of the request that queued a job is
    /// kept with it), and with the results retries: one per entry of <see cref="ResultsOptions.RetryDelayMinutes"/>, then
    /// failed. A job's own <see cref="AutomaticRetryAttribute"/> overrides this one.
    /// </summary>
    private static JobFilterProviderCollection Filters(ResultsOptions results)
    {
        var delays = results.RetryDelays().Select(d => (int)d.TotalSeconds).ToArray();
        var filters = new JobFilterCollection
        {
            new AutomaticRetryAttribute { Attempts = delays.Length, DelaysInSeconds = delays, OnAttemptsExceeded = AttemptsExceededAction.Fail },
            new StatisticsHistoryAttribute(),
            new ContinuationsSupportAttribute(),
        };
        return new JobFilterProviderCollection(new JobFilterAttributeFilterProvider(), filters);
    }
}
