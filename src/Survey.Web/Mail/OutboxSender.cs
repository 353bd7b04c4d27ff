using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Survey.Data;
using Survey.Web.Infrastructure;

namespace Survey.Web.Mail;

/// <summary>What one drain of the outbox did.</summary>
public sealed record DrainReport(int Sent, int Deferred, int Failed, int Cancelled, int Uncertain);

/// <summary>
/// Sends what is due in the outbox, oldest first, over one transport (one SMTP connection) for the whole drain, at most
/// <see cref="MailOptions.RatePerSecond"/>. Per message: checks it is still wanted (member active, invitation open) or
/// cancels it; marks it Sending and commits just before it can leave (<see cref="IMailTransport.SendAsync"/>); then marks
/// it Sent (address cleared) and the invitation Mailed. A row a crash left in Sending is never sent again: the pickup
/// folder tells whether it left; over SMTP it stays Sending, counted as uncertain (README, "Mail").
/// </summary>
public sealed partial class OutboxSender(
    SurveyDbContext db,
    MailComposer composer,
    MailTransportFactory transports,
    OutboxGate gate,
    CivilDate date,
    TimeProvider time,
    IOptions<MailOptions> options,
    ILogger<OutboxSender> logger)
{
    public const string UncertainError = "uncertain: the platform stopped while handing this message to the mail server; it is not sent again";

    private const int BatchSize = 200;

    /// <summary>Drains the outbox; returns null when another drain is already running.</summary>
    public async Task<DrainReport?> DrainAsync(CancellationToken cancellationToken)
    {
        if (!await gate.Drain.WaitAsync(0, cancellationToken))
        {
            return null;
        }
        // One connection for the drain, with synchronous=NORMAL and no wait for group commit's sync: in WAL mode a commit
        // then survives the process being killed (the OS has it) without an fsync per message, which would cap a wave at tens
        // of messages a second. A power cut can lose the last marks (README, "Mail"). The pooled connection is set back
        // afterwards.
        var normal = await db.WithoutDurableWaitsAsync(cancellationToken);
        try
        {
            await using var transport = transports.Create();
            var uncertain = await ResolveInterruptedAsync(transport, cancellationToken);
            int sent = 0, deferred = 0, failed = 0, cancelled = 0;
            var pace = new Pace(options.Value.RatePerSecond, time);
            var skip = new HashSet<long>();
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await DueAsync(skip, cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }
                var stop = false;
                foreach (var context in batch)
                {
                    var outcome = await SendOneAsync(transport, context, pace, cancellationToken);
                    switch (outcome)
                    {
                        case Outcome.Sent: sent++; break;
                        case Outcome.Cancelled: cancelled++; break;
                        case Outcome.Failed: failed++; break;
                        case Outcome.Deferred: deferred++; skip.Add(context.Row.Id); break;
                        case Outcome.ServerDown: deferred++; stop = true; break;
                    }
                    if (stop)
                    {
                        break;
                    }
                }
                if (stop)
                {
                    break;
                }
            }
            var report = new DrainReport(sent, deferred, failed, cancelled, uncertain);
            if (report != new DrainReport(0, 0, 0, 0, 0))
            {
                LogDrained(logger, sent, deferred, failed, cancelled, uncertain);
            }
            return report;
        }
        finally
        {
            await normal.DisposeAsync();
            gate.Drain.Release();
        }
    }

    /// <summary>Whether anything is due now (the sweep's cheap check).</summary>
    public async Task<bool> AnyDueAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<int>($"SELECT EXISTS(SELECT 1 FROM Outbox WHERE State = 0 AND unixepoch(NotBefore, 'subsec') <= {Epoch(time.GetUtcNow())}) AS Value")
            .SingleAsync(cancellationToken) == 1;

    private async Task<int> ResolveInterruptedAsync(IMailTransport transport, CancellationToken cancellationToken)
    {
        var interrupted = await db.Outbox.Where(m => m.State == OutboxState.Sending).ToListAsync(cancellationToken);
        var uncertain = 0;
        foreach (var row in interrupted)
        {
            switch (transport.WasSent(new OutboxRef(row.Id, row.Template)))
            {
                case true:
                    await MarkSentAsync(row, cancellationToken);
                    break;
                case false:
                    row.State = OutboxState.Queued;
                    await db.SaveChangesAsync(cancellationToken);
                    break;
                default:
                    uncertain++;
                    if (row.LastError != UncertainError)
                    {
                        row.LastError = UncertainError;
                        await db.SaveChangesAsync(cancellationToken);
                        LogUncertain(logger, row.Key);
                    }
                    break;
            }
        }
        db.ChangeTracker.Clear();
        return uncertain;
    }

    private async Task<List<MailContext>> DueAsync(HashSet<long> skip, CancellationToken cancellationToken)
    {
        // NotBefore is stored as text with its offset: compared as a moment through SQLite's unixepoch().
        var ids = await db.Database.SqlQuery<long>(
                $"SELECT Id AS Value FROM Outbox WHERE State = 0 AND unixepoch(NotBefore, 'subsec') <= {Epoch(time.GetUtcNow())} ORDER BY unixepoch(NotBefore, 'subsec'), Id LIMIT {BatchSize + skip.Count}")
            .ToListAsync(cancellationToken);
        ids = [.. ids.Where(id => !skip.Contains(id)).Take(BatchSize)];
        if (ids.Count == 0)
        {
            return [];
        }
        db.ChangeTracker.Clear();
        var rows = await db.Outbox.Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
        var memberIds = rows.Where(r => r.MemberId.HasValue).Select(r => r.MemberId!.Value).Distinct().ToList();
        var invitationIds = rows.Where(r => r.InvitationId.HasValue).Select(r => r.InvitationId!.Value).Distinct().ToList();
        var members = await db.PanelMembers.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var invitations = await db.Invitations.AsNoTracking().Where(i => invitationIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var waveIds = invitations.Values.Select(i => i.WaveId).Distinct().ToList();
        var waves = await db.Waves.AsNoTracking().Where(w => waveIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        return [.. ids.Select(id => rows.Single(r => r.Id == id)).Select(row =>
        {
            var member = row.MemberId is { } m && members.TryGetValue(m, out var found) ? found : null;
            var invitation = row.InvitationId is { } i && invitations.TryGetValue(i, out var inv) ? inv : null;
            var wave = invitation is not null && waves.TryGetValue(invitation.WaveId, out var w) ? w : null;
            return new MailContext(row, member, invitation, wave);
        })];
    }

    private async Task<Outcome> SendOneAsync(IMailTransport transport, MailContext context, Pace pace, CancellationToken cancellationToken)
    {
        var row = context.Row;
        if (MailComposer.SkipReason(context, date.Today()) is { } reason)
        {
            row.State = OutboxState.Cancelled;
            row.ToAddress = null;
            row.LastError = reason;
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Cancelled;
        }
        MimeKit.MimeMessage? message;
        try
        {
            message = composer.Compose(context);
        }
        catch (MimeKit.ParseException e)
        {
            message = null;
            row.LastError = "not a valid address: " + e.Message;
        }
        if (message is null)
        {
            row.State = OutboxState.Failed;
            row.LastError ??= $"no template '{row.Template}' in '{row.Language}'";
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Failed;
        }
        await pace.WaitAsync(cancellationToken);
        var committed = false;
        try
        {
            await transport.SendAsync(message, new OutboxRef(row.Id, row.Template), () =>
            {
                // Synchronous on purpose: the transport is about to hand the message over, and waits for this commit.
                row.State = OutboxState.Sending;
                row.Attempts++;
                db.SaveChanges();
                committed = true;
            }, cancellationToken);
        }
        catch (TemporaryMailFailureException e)
        {
            Defer(row, e.Message, committed);
            await db.SaveChangesAsync(CancellationToken.None);
            LogDeferred(logger, row.Key, row.Attempts, e.Message);
            return row.State == OutboxState.Failed ? Outcome.Failed : e.ConnectionLost ? Outcome.ServerDown : Outcome.Deferred;
        }
        catch (PermanentMailFailureException e)
        {
            await RecordBounceAsync(row, e.Message, committed);
            return Outcome.Failed;
        }
        await MarkSentAsync(row, CancellationToken.None);
        return Outcome.Sent;
    }

    private void Defer(OutboxMessage row, string error, bool attemptCounted)
    {
        if (!attemptCounted)
        {
            row.Attempts++;
        }
        row.LastError = Truncate(error);
        if (row.Attempts >= options.Value.MaxAttempts)
        {
            row.State = OutboxState.Failed;
            return;
        }
        row.State = OutboxState.Queued;
        var seconds = Math.Min(3600, options.Value.RetrySeconds * Math.Pow(2, Math.Min(row.Attempts - 1, 20)));
        row.NotBefore = time.GetUtcNow().AddSeconds(seconds);
    }

    private async Task RecordBounceAsync(OutboxMessage row, string error, bool attemptCounted)
    {
        if (!attemptCounted)
        {
            row.Attempts++;
        }
        row.State = OutboxState.Failed;
        row.LastError = Truncate(error);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        if (row.InvitationId is { } invitationId)
        {
            var reason = Truncate(error);
            await db.Invitations.Where(i => i.Id == invitationId && (i.Status == InvitationStatus.Created || i.Status == InvitationStatus.Mailed))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Bounced).SetProperty(i => i.BounceReason, reason), CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
        LogBounced(logger, row.Key, error);
    }

    private async Task MarkSentAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        row.State = OutboxState.Sent;
        row.SentAt = now;
        row.ToAddress = null;
        row.LastError = null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (row.InvitationId is { } invitationId && row.Template == "invitation")
        {
            await db.Invitations.Where(i => i.Id == invitationId && i.Status == InvitationStatus.Created)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Mailed).SetProperty(i => i.MailedAt, now), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];

    private static double Epoch(DateTimeOffset moment) => moment.ToUnixTimeMilliseconds() / 1000.0;

    private enum Outcome
    {
        Sent,
        Cancelled,
        Failed,
        Deferred,
        ServerDown,
    }

    /// <summary>Spaces sends 1/rate apart (no wait when the rate is 0).</summary>
    private sealed class Pace(double ratePerSecond, TimeProvider time)
    {
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            if (ratePerSecond <= 0)
            {
                return;
            }
            var now = time.GetUtcNow();
            if (_next > now)
            {
                await Task.Delay(_next - now, time, cancellationToken);
                now = _next;
            }
            _next = now + TimeSpan.FromSeconds(1 / ratePerSecond);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Sent} sent, {Deferred} deferred, {Failed} failed, {Cancelled} cancelled, {Uncertain} uncertain")]
    private static partial void LogDrained(ILogger logger, int sent, int deferred, int failed, int cancelled, int uncertain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Key} was being sent when the platform stopped: uncertain whether it left; not sent again")]
    private static partial void LogUncertain(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Key} deferred after attempt {Attempts}: {Error}")]
    private static partial void LogDeferred(ILogger logger, string key, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Key} refused permanently: {Error}")]
    private static partial void LogBounced(ILogger logger, string key, string error);
}

/// <summary>The transport of <see cref="MailOptions.Mode"/>, with the pickup folder resolved against the content root.</summary>
public sealed class MailTransportFactory(IOptions<MailOptions> options, IOptions<SurveyPlatformOptions> platform, IWebHostEnvironment environment)
{
    public string PickupFolder => platform.Value.Resolve(environment.ContentRootPath, options.Value.PickupPath);

    public IMailTransport Create() => options.Value.Mode switch
    {
        MailOptions.PickupMode => new PickupMailTransport(PickupFolder),
        MailOptions.SmtpMode => new SmtpMailTransport(options.Value.Smtp),
        _ => throw new InvalidOperationException($"Mail:Mode '{options.Value.Mode}' is not supported; use '{MailOptions.PickupMode}' or '{MailOptions.SmtpMode}'."),
    };
}
