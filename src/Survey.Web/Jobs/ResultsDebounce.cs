using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Survey.Data;
using Survey.Web.Results;

namespace Survey.Web.Jobs;

/// <summary>
/// The debounce of results runs after new responses: a changed-since flag per survey, swept every few seconds by
/// <see cref="ResultsDebounceSweeper"/>, which queues one Hangfire job per survey whose wait is over.
/// </summary>
/// <remarks>
/// Why a swept flag and not one pending scheduled Hangfire job per survey that each response moves: Hangfire has no
/// debounce, and moving a scheduled job writes a state row stamped with the time of the move, and a new <c>EnqueueAt</c>,
/// into the job storage, so <c>jobs.db</c> would keep the exact time of every response for as long as it keeps the job.
/// The flag holds only a survey id and two times, in memory; what reaches job storage is a job queued when the wait is
/// over (as a snapshot's time already says). A restart loses the flags, but no recomputation is lost:
/// <see cref="RecoverAsync"/> raises the flag again, at start-up, for every survey whose responses differ from its latest
/// snapshot. The flag has a maximum wait: a steady stream of responses cannot put the run off for longer than
/// <see cref="ResultsOptions.DebounceMax"/>.
/// </remarks>
public sealed partial class ResultsDebounce(TimeProvider time, IOptions<ResultsOptions> options, ILogger<ResultsDebounce> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

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

    /// <summary>A response to the survey was stored: (re)starts its wait, within the burst's maximum.</summary>
    /// <returns>When the recomputation is now due.</returns>
    public DateTimeOffset Arrived(string surveyId)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var burstStart = _pending.TryGetValue(surveyId, out var pending) ? pending.BurstStart : now;
            var due = DebouncedTime(now, burstStart, options.Value);
            _pending[surveyId] = new Pending(burstStart, due);
            return due;
        }
    }

    /// <summary>When the survey's pending recomputation is due; null when none is pending.</summary>
    public DateTimeOffset? DueAt(string surveyId)
    {
        lock (_lock)
        {
            return _pending.TryGetValue(surveyId, out var pending) ? pending.DueAt : null;
        }
    }

    /// <summary>Removes and returns the surveys whose wait is over; a response after this starts a new burst.</summary>
    public IReadOnlyList<string> TakeDue()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var due = _pending.Where(p => p.Value.DueAt <= now).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
            foreach (var surveyId in due)
            {
                _pending.Remove(surveyId);
            }
            return due;
        }
    }

    /// <summary>Forgets a survey's pending recomputation (a test, or a survey no longer served).</summary>
    public void Cancel(string surveyId)
    {
        lock (_lock)
        {
            _pending.Remove(surveyId);
        }
    }

    /// <summary>
    /// Every cell of a snapshot written since disclosure control also hides bases carries this property. A snapshot
    /// without it was made by the older rule, under which a hidden figure could be worked out from the bases it shows, so
    /// it is recomputed at the next start.
    /// </summary>
    internal const string HiddenBaseFlag = "\"baseSuppressed\"";

    /// <summary>
    /// At start-up: raises the flag for every survey among <paramref name="surveys"/> whose completed responses (current
    /// version) are not those of its latest snapshot, or whose latest snapshot predates the disclosure rule for bases
    /// (<see cref="HiddenBaseFlag"/>), and that has no run queued or running, as if a response had just arrived. This is
    /// what makes the in-memory flag safe across a crash: the responses database is the record.
    /// </summary>
    public async Task RecoverAsync(SurveyDbContext db, IEnumerable<(string Id, int Version)> surveys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(surveys);
        foreach (var (id, version) in surveys)
        {
            var count = await db.Responses.CountAsync(r => r.SurveyId == id && r.SurveyVersion == version, cancellationToken);
            var latest = await db.ResultSnapshots.AsNoTracking().Where(s => s.SurveyId == id).OrderByDescending(s => s.Id)
                .Select(s => new { s.SurveyVersion, s.ResponseCount, HasHiddenBases = s.CellsJson.Contains(HiddenBaseFlag) })
                .FirstOrDefaultAsync(cancellationToken);
            var unfinished = await db.ResultRuns.AnyAsync(
                r => r.SurveyId == id && (r.State == ResultRunState.Queued || r.State == ResultRunState.Running), cancellationToken);
            if (count > 0 && !unfinished && (latest is null || latest.SurveyVersion != version || latest.ResponseCount != count || !latest.HasHiddenBases))
            {
                Arrived(id);
                LogRecovered(logger, id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Results of {SurveyId} are behind its responses; a recomputation is due after the debounce wait")]
    private static partial void LogRecovered(ILogger logger, string surveyId);

    private readonly record struct Pending(DateTimeOffset BurstStart, DateTimeOffset DueAt);
}

/// <summary>Every <see cref="ResultsOptions.DebounceSweepSeconds"/>, queues the recomputations whose debounce wait is over.</summary>
public sealed partial class ResultsDebounceSweeper(
    ResultsDebounce debounce,
    HangfireResultsScheduler scheduler,
    IOptions<ResultsOptions> options,
    ILogger<ResultsDebounceSweeper> logger) : BackgroundService
{
    /// <summary>Queues a run for each survey whose wait is over.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var surveyId in debounce.TakeDue())
        {
            var runId = await scheduler.QueueAsync(surveyId, ResultRunTrigger.NewResponses, cancellationToken);
            LogQueued(logger, surveyId, runId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.Value.DebounceSweepSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
#pragma warning disable CA1031 // A failed sweep must not stop the next one; the nightly run catches up meanwhile.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Results of {SurveyId} queued after new responses (run {RunId})")]
    private static partial void LogQueued(ILogger logger, string surveyId, long runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not queue the debounced results runs")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
