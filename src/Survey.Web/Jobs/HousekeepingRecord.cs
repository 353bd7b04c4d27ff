using System.Globalization;
using Cronos;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Survey.Web.Jobs;

/// <summary>
/// When housekeeping last completed, kept in Hangfire's storage (<c>jobs.db</c>) beside the jobs it concerns. A start
/// queues housekeeping only when the nightly run was missed (<see cref="NightlyRunMissed"/>): VACUUM rewrites the whole
/// database, which is slow on a large one, and a run that completed since the last due time left nothing to compact.
/// </summary>
public sealed class HousekeepingRecord(JobStorage storage, TimeProvider time, IOptions<JobsOptions> options)
{
    private const string Key = "survey:housekeeping";
    private const string CompletedAt = "CompletedAt";

    public void RecordCompleted()
    {
        using var connection = storage.GetConnection();
        connection.SetRangeInHash(Key, [new(CompletedAt, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))]);
    }

    public DateTimeOffset? LastCompleted()
    {
        using var connection = storage.GetConnection();
        return connection.GetAllEntriesFromHash(Key) is { } entries && entries.TryGetValue(CompletedAt, out var value)
            && DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var completed)
            ? completed
            : null;
    }

    /// <summary>
    /// True when no housekeeping ever completed (a new job storage), or when the run due after the last completion
    /// (<see cref="JobsOptions.HousekeepingCron"/>) is more than <see cref="JobsOptions.HousekeepingGraceMinutes"/> overdue:
    /// the platform was down at that time, or the run failed.
    /// </summary>
    public bool NightlyRunMissed()
    {
        if (LastCompleted() is not { } last)
        {
            return true;
        }
        var due = CronExpression.Parse(options.Value.HousekeepingCron).GetNextOccurrence(last.UtcDateTime, TimeZoneInfo.Utc);
        return due is not { } next || time.GetUtcNow() > new DateTimeOffset(next) + TimeSpan.FromMinutes(options.Value.HousekeepingGraceMinutes);
    }
}
