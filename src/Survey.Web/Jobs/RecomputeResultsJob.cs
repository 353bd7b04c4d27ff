using Quartz;
using Survey.Data;
using Survey.Web.Results;

namespace Survey.Web.Jobs;

/// <summary>
/// The Quartz adapter of <see cref="ResultsRunner"/>. Job data: <c>surveyId</c>, and <c>runId</c> for an on-demand run or a
/// retry (a debounced trigger has none: the run is recorded when it fires). A failed run is rescheduled as asked.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RecomputeResultsJob(ResultsRunner runner) : IJob
{
    public static readonly JobKey Key = new("recompute-results", QuartzResultsScheduler.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var surveyId = data.GetString(QuartzResultsScheduler.SurveyIdKey)!;
        var runId = data.TryGetLong(QuartzResultsScheduler.RunIdKey, out var id) ? id
            : await runner.QueueAsync(surveyId, ResultRunTrigger.NewResponses, cancellationToken);
        var outcome = await runner.RunAsync(runId, cancellationToken);
        if (outcome.RetryAfter is { } wait)
        {
            await context.Scheduler.ScheduleJob(QuartzResultsScheduler.RunTrigger(surveyId, runId, context.Scheduler.TimeProvider.GetUtcNow() + wait), cancellationToken: cancellationToken);
        }
    }
}
