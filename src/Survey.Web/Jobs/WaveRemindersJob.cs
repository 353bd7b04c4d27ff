using Hangfire;
using Survey.Data;

namespace Survey.Web.Jobs;

/// <summary>
/// The recurring reminder job (<see cref="JobsOptions.WaveRemindersCron"/>): queues the reminders that are due for every
/// open panel wave, with the same code as <c>survey wave remind</c> (<see cref="WaveReminders"/>). Idempotent: reminders are
/// numbered per invitation and keyed in the outbox, so a second delivery of the job queues nothing more.
/// </summary>
public sealed partial class WaveRemindersJob(SurveyDbContext db, TimeProvider clock, ILogger<WaveRemindersJob> logger)
{
    public const string Id = "wave-reminders";

    [AutomaticRetry(Attempts = 1, DelaysInSeconds = [300])]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var queued = await WaveReminders.EnqueueAllDueAsync(db, clock.GetUtcNow(), cancellationToken);
        LogDone(logger, queued);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wave reminders: queued {Count} reminders")]
    private static partial void LogDone(ILogger logger, int count);
}
