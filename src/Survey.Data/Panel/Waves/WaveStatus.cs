using Microsoft.EntityFrameworkCore;

namespace Survey.Data;

/// <summary>Counts of a wave's invitations (overall, or in one stratum).</summary>
public sealed record WaveCounts(string? Stratum, int Invited, int Mailed, int Bounced, int Answered, int OptedOut)
{
    /// <summary>Answered invitations per invitation (0 when none were sent).</summary>
    public double ResponseRate => Invited == 0 ? 0 : (double)Answered / Invited;
}

/// <summary>A wave's progress: overall and per stratum. <see cref="LoadAsync"/> is one grouped query, fast on 20,000 invitations.</summary>
public sealed record WaveStatus(Wave Wave, WaveCounts Overall, IReadOnlyList<WaveCounts> ByStratum)
{
    public static async Task<WaveStatus?> LoadAsync(SurveyDbContext db, int waveId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wave = await db.Waves.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waveId, cancellationToken);
        if (wave is null)
        {
            return null;
        }
        var groups = await db.Invitations.AsNoTracking()
            .Where(i => i.WaveId == waveId)
            .GroupBy(i => new { i.Stratum, i.Status })
            .Select(g => new { g.Key.Stratum, g.Key.Status, Count = g.Count(), Mailed = g.Count(i => i.MailedAt != null) })
            .ToListAsync(cancellationToken);
        var strata = groups.GroupBy(g => g.Stratum, StringComparer.Ordinal)
            .OrderBy(g => g.Key ?? string.Empty, StringComparer.Ordinal)
            .Select(g => Counts(g.Key, [.. g.Select(x => (x.Status, x.Count, x.Mailed))]))
            .ToList();
        var overall = Counts(null, [.. groups.Select(x => (x.Status, x.Count, x.Mailed))]);
        return new WaveStatus(wave, overall, wave.StratifyBy is null ? [] : strata);
    }

    /// <summary>The response rate of every wave of a survey (or of all surveys), one grouped query.</summary>
    public static async Task<IReadOnlyDictionary<int, WaveCounts>> OverallAsync(SurveyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var groups = await db.Invitations.AsNoTracking()
            .GroupBy(i => new { i.WaveId, i.Status })
            .Select(g => new { g.Key.WaveId, g.Key.Status, Count = g.Count(), Mailed = g.Count(i => i.MailedAt != null) })
            .ToListAsync(cancellationToken);
        return groups.GroupBy(g => g.WaveId).ToDictionary(g => g.Key, g => Counts(null, [.. g.Select(x => (x.Status, x.Count, x.Mailed))]));
    }

    private static WaveCounts Counts(string? stratum, IReadOnlyList<(InvitationStatus Status, int Count, int Mailed)> rows) => new(
        stratum,
        rows.Sum(r => r.Count),
        rows.Sum(r => r.Mailed),
        rows.Where(r => r.Status == InvitationStatus.Bounced).Sum(r => r.Count),
        rows.Where(r => r.Status == InvitationStatus.Answered).Sum(r => r.Count),
        rows.Where(r => r.Status == InvitationStatus.OptedOut).Sum(r => r.Count));
}
