using Hangfire;
using Microsoft.Extensions.Options;

namespace Survey.Web.Mail;

/// <summary>One drain at a time in this app, and whether a drain job is already queued (so the sweep queues one only).</summary>
public sealed class OutboxGate(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _queuedAt;

    public SemaphoreSlim Drain { get; } = new(1, 1);

    /// <summary>True when the caller should queue a drain: none queued, or the queued one is overdue (lost in a restart of the job server).</summary>
    public bool TryMarkQueued()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_queuedAt is { } at && now - at < TimeSpan.FromMinutes(2))
            {
                return false;
            }
            _queuedAt = now;
            return true;
        }
    }

    public void Started()
    {
        lock (_lock)
        {
            _queuedAt = null;
        }
    }
}

/// <summary>
/// The Hangfire job that drains the outbox: every minute (<see cref="MailOptions.Cron"/>) and whenever the sweep finds a
/// message due. Idempotent: each row goes Queued → Sending → Sent once, and a second concurrent delivery of the job finds
/// the drain busy and returns.
/// </summary>
public sealed class OutboxJob(OutboxSender sender, OutboxGate gate)
{
    public const string Id = "mail-outbox";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        gate.Started();
        await sender.DrainAsync(cancellationToken);
    }
}

/// <summary>Every <see cref="MailOptions.SweepSeconds"/>: queues the outbox job when a message is due, so a mail leaves within seconds of being queued.</summary>
public sealed partial class OutboxSweeper(IServiceScopeFactory scopes, OutboxGate gate, IBackgroundJobClient jobs, IOptions<MailOptions> options, ILogger<OutboxSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.Value.SweepSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<OutboxSender>().AnyDueAsync(stoppingToken) && gate.TryMarkQueued())
                {
                    jobs.Enqueue<OutboxJob>(job => job.RunAsync(CancellationToken.None));
                }
            }
#pragma warning disable CA1031 // A failed sweep must not stop the next one; the every-minute job catches up meanwhile.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not look for due mail in the outbox")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
