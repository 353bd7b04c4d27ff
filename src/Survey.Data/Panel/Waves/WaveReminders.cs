using Microsoft.EntityFrameworkCore;

namespace Survey.Data;

/// <summary>
/// Queues reminders in the outbox for the non-responders of a wave: invitations not answered, opted out or bounced, whose
/// member is still active. Reminders are numbered per invitation (<c>reminder:{invitationId}:{n}</c>): on schedule an
/// invitation gets reminder n+1 when more of <see cref="Wave.ReminderDays"/> have passed since <see cref="Wave.SendAt"/>
/// than it has reminders (so a missed day never sends two at once); <c>now</c> gives every non-responder one at once,
/// unless one is still waiting in the outbox. Running either twice adds nothing. Shared by <c>survey wave remind</c> and
/// the recurring job.
/// </summary>
public static class WaveReminders
{
    public const string KeyPrefix = "reminder:";

    /// <summary>Why no reminders could be queued, or null.</summary>
    public enum Refusal
    {
        None,
        NotSentYet,
        Closed,
    }

    public static async Task<(int Queued, Refusal Refusal)> EnqueueAsync(SurveyDbContext db, Wave wave, DateTimeOffset now, bool everyoneNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(wave);
        if (wave.SendAt > now)
        {
            return (0, Refusal.NotSentYet);
        }
        if (CityTime.Day(now) > wave.ClosesOn)
        {
            return (0, Refusal.Closed);
        }
        var days = WaveRequest.ParseReminders(wave.ReminderDays) ?? [];
        var due = days.Count(d => wave.SendAt.AddDays(d) <= now);
        if (!everyoneNow && due == 0)
        {
            return (0, Refusal.None);
        }

        var open = await db.Invitations.AsNoTracking()
            .Where(i => i.WaveId == wave.Id && (i.Status == InvitationStatus.Created || i.Status == InvitationStatus.Mailed))
            .Join(db.PanelMembers.Where(m => m.Status == PanelMemberStatus.Active), i => i.MemberId, m => (Guid?)m.Id,
                (i, m) => new { i.Id, i.Language, m.Email, MemberId = m.Id })
            .ToListAsync(cancellationToken);
        var sent = (await db.Outbox.AsNoTracking()
                .Where(o => o.Key.StartsWith(KeyPrefix) && o.InvitationId != null)
                .Join(db.Invitations.Where(i => i.WaveId == wave.Id), o => o.InvitationId, i => (long?)i.Id, (o, i) => new { o.InvitationId, o.State })
                .ToListAsync(cancellationToken))
            .GroupBy(o => o.InvitationId!.Value)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Waiting: g.Any(o => o.State is OutboxState.Queued or OutboxState.Sending)));

        var queued = 0;
        foreach (var invitation in open)
        {
            var (count, waiting) = sent.TryGetValue(invitation.Id, out var s) ? s : (0, false);
            if (everyoneNow ? waiting : count >= due)
            {
                continue;
            }
            db.Outbox.Add(new OutboxMessage
            {
                Key = $"{KeyPrefix}{invitation.Id}:{count + 1}",
                Template = "reminder",
                Language = invitation.Language,
                ToAddress = invitation.Email,
                MemberId = invitation.MemberId,
                InvitationId = invitation.Id,
                State = OutboxState.Queued,
                NotBefore = now,
                CreatedAt = now,
            });
            queued++;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another run (the job and the CLI at once) queued the same keys first: theirs stand, nothing is sent twice.
            db.ChangeTracker.Clear();
            return (0, Refusal.None);
        }
        db.ChangeTracker.Clear();
        return (queued, Refusal.None);
    }

    /// <summary>The recurring job's work: due reminders for every panel wave that has been sent and is still open.</summary>
    public static async Task<int> EnqueueAllDueAsync(SurveyDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = CityTime.Day(now);
        var waves = await db.Waves.AsNoTracking()
            .Where(w => w.Kind == WaveKind.Panel && w.ReminderDays != "" && w.ClosesOn >= today)
            .ToListAsync(cancellationToken);
        var total = 0;
        foreach (var wave in waves.Where(w => w.SendAt <= now))
        {
            total += (await EnqueueAsync(db, wave, now, everyoneNow: false, cancellationToken)).Queued;
        }
        return total;
    }
}
