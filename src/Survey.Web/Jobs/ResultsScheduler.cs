using System.Diagnostics;
using Microsoft.Extensions.Options;
using Quartz;
using Survey.Data;
using Survey.Web.Infrastructure;
using Survey.Web.Results;

namespace Survey.Web.Jobs;

/// <summary>
/// <see cref="IResultsScheduler"/> on the in-process Quartz scheduler. Trigger times come from the scheduler's clock (the
/// app's <see cref="TimeProvider"/>). A debounced trigger carries the survey id only: nothing of the response or request
/// that caused it (not even the request's trace id, which Quartz would otherwise record).
/// </summary>
public sealed partial class QuartzResultsScheduler(
    ISchedulerFactory schedulers,
    SurveyLibrary library,
    ISurveyTargetsSource targets,
    IServiceScopeFactory scopes,
    IOptions<ResultsOptions> options,
    ILogger<QuartzResultsScheduler> logger) : IResultsScheduler
{
    public const string Group = "results";
    public const string SurveyIdKey = "surveyId";
    public const string RunIdKey = "runId";

    /// <summary>
    /// On a debounced trigger: when the burst of responses it waits out began (UTC ticks), so that a steady stream of
    /// responses cannot put the recomputation off for longer than <see cref="ResultsOptions.DebounceMaxSeconds"/>. Only a
    /// time, in memory while the trigger waits; nothing of a response or request.
    /// </summary>
    public const string BurstStartKey = "burstStart";

    /// <summary>The one pending debounced trigger of a survey.</summary>
    public static TriggerKey DebounceKey(string surveyId) => new("debounce-" + surveyId, Group);

    /// <summary>
    /// When a debounced recomputation runs: <see cref="ResultsOptions.Debounce"/> after the latest response, but no later
    /// than <see cref="ResultsOptions.DebounceMax"/> after the first of the burst (and never in the past).
    /// </summary>
    public static DateTimeOffset DebouncedTime(DateTimeOffset now, DateTimeOffset burstStart, ResultsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var latest = burstStart + options.DebounceMax;
        var debounced = now + options.Debounce;
        return debounced < latest ? debounced : latest > now ? latest : now;
    }

    public async Task ResponseArrivedAsync(string surveyId, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!HasTargets(surveyId))
            {
                return;
            }
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var now = scheduler.TimeProvider.GetUtcNow();
            var burstStart = BurstStart(await scheduler.GetTrigger(DebounceKey(surveyId), cancellationToken)) ?? now;
            var trigger = TriggerBuilder.Create()
                .WithIdentity(DebounceKey(surveyId))
                .ForJob(RecomputeResultsJob.Key)
                .UsingJobData(SurveyIdKey, surveyId)
                .UsingJobData(BurstStartKey, burstStart.UtcTicks)
                .StartAt(DebouncedTime(now, burstStart, options.Value))
                .Build();
            // Quartz would copy the respondent's request trace id (traceparent) onto the trigger: schedule outside it.
            var request = Activity.Current;
            Activity.Current = null;
            try
            {
                // Replacing is one store operation: a burst of responses leaves exactly one trigger, at the last one + the wait
                // (at most the first one + the maximum wait). Two responses at once may both start a burst; either time will do.
                await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
            }
            finally
            {
                Activity.Current = request;
            }
        }
#pragma warning disable CA1031 // The response is already stored; a scheduling problem must not fail the respondent's submit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogNotScheduled(logger, ex, surveyId);
        }
    }

    public async Task<long> RequestNowAsync(string surveyId, CancellationToken cancellationToken = default) =>
        await QueueAndScheduleAsync(surveyId, ResultRunTrigger.OnDemand, cancellationToken);

    /// <summary>Queues a run for every open survey that has targets (the nightly schedule).</summary>
    public async Task QueueOpenSurveysAsync(CancellationToken cancellationToken)
    {
        foreach (var survey in library.Open.Where(s => HasTargets(s.Id)))
        {
            await QueueAndScheduleAsync(survey.Id, ResultRunTrigger.Schedule, cancellationToken);
        }
    }

    /// <summary>
    /// Queues a fresh run of a survey whose run the previous process left unfinished (<see cref="InterruptedRuns"/>), as a
    /// scheduled one: nobody asked for it now. Null when the survey is gone or has no targets any more.
    /// </summary>
    public async Task<long?> RerunInterruptedAsync(string surveyId, CancellationToken cancellationToken) =>
        HasTargets(surveyId) ? await QueueAndScheduleAsync(surveyId, ResultRunTrigger.Schedule, cancellationToken) : null;

    /// <summary>A trigger that runs (or retries) a recorded run at <paramref name="at"/>.</summary>
    internal static ITrigger RunTrigger(string surveyId, long runId, DateTimeOffset at) =>
        TriggerBuilder.Create()
            .ForJob(RecomputeResultsJob.Key)
            .UsingJobData(SurveyIdKey, surveyId)
            .UsingJobData(RunIdKey, runId)
            .StartAt(at)
            .Build();

    private async Task<long> QueueAndScheduleAsync(string surveyId, ResultRunTrigger trigger, CancellationToken cancellationToken)
    {
        long runId;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            runId = await scope.ServiceProvider.GetRequiredService<ResultsRunner>().QueueAsync(surveyId, trigger, cancellationToken);
        }
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ScheduleJob(RunTrigger(surveyId, runId, scheduler.TimeProvider.GetUtcNow()), cancellationToken: cancellationToken);
        return runId;
    }

    /// <summary>
    /// The start of the burst a pending debounced trigger waits out; null when there is none, or when it has fired already
    /// (a fired trigger stays stored until its job completes, and a response then begins a new burst).
    /// </summary>
    private static DateTimeOffset? BurstStart(ITrigger? pending) =>
        pending?.NextFireTimeUtc is not null && pending.JobDataMap.TryGetLong(BurstStartKey, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;

    private bool HasTargets(string surveyId)
    {
        try
        {
            return library.Find(surveyId) is not null && targets.Find(surveyId) is not null;
        }
        catch (ResultsUnavailableException)
        {
            // A broken targets file: run anyway, so the failure and its reason show on the researcher page.
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not schedule the recomputation of {SurveyId} after a response; the nightly run will catch up")]
    private static partial void LogNotScheduled(ILogger logger, Exception exception, string surveyId);
}

/// <summary>The nightly recomputation of every open survey: queues one run per survey.</summary>
[DisallowConcurrentExecution]
public sealed class ResultsNightlyJob(QuartzResultsScheduler scheduler) : IJob
{
    public static readonly JobKey Key = new("results-nightly", QuartzResultsScheduler.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await scheduler.QueueOpenSurveysAsync(cancellationToken);
}
