using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Survey.Data;

/// <summary>The outcome of <see cref="WaveCreation.CreateAsync"/>: the wave and its invitations per stratum, or the problems (nothing written).</summary>
public sealed record WaveCreated(Wave? Wave, int Selected, IReadOnlyDictionary<string, int> InvitedByStratum, IReadOnlyList<WaveProblem> Problems);

/// <summary>
/// Creates a panel wave from a <see cref="WavePlan"/>: selects the active members that match, draws the sample, and adds the
/// wave, one invitation per member (the token's hash only, PANEL.md) and one outbox row per invitation, in one transaction.
/// Shared by <c>survey wave create</c> and the researcher pages.
/// </summary>
public static class WaveCreation
{
    private sealed record Candidate(Guid Id, string Email, string Language, string? Nationality, string? District, string? AgeBand)
    {
        public string? Value(string field) => field switch
        {
            "nationality" => Nationality,
            "district" => District,
            "age_band" => AgeBand,
            "language" => Language,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a profile field"),
        };
    }

    public static async Task<WaveCreated> CreateAsync(SurveyDbContext db, PersonalTokens tokens, WavePlan plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(plan);

        var members = (await db.PanelMembers.AsNoTracking()
                .Where(m => m.Status == PanelMemberStatus.Active)
                .Select(m => new Candidate(m.Id, m.Email, m.Language, m.Nationality, m.District, m.AgeBand))
                .ToListAsync(cancellationToken))
            .Where(m => plan.Where.All(f => f.Value.Contains(m.Value(f.Key) ?? string.Empty, StringComparer.Ordinal)))
            .OrderBy(m => m.Id.ToString("D"), StringComparer.Ordinal)
            .ToList();
        if (members.Count == 0)
        {
            return Refused(0, new WaveProblem("where", "wave.error.no_members", "no active member matches the selection"));
        }
        if (plan.SampleSize > members.Count)
        {
            return Refused(members.Count, new WaveProblem("sample", "wave.error.sample_too_large",
                $"the sample of {plan.SampleSize} is larger than the {members.Count} matching members", plan.SampleSize, members.Count));
        }
        var stratum = plan.StratifyBy is { } field ? (Func<Candidate, string>)(m => m.Value(field) ?? string.Empty) : null;
        var invited = plan.SampleSize is { } n ? StratifiedSample.Draw(members, stratum, n, plan.Seed) : members;

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var wave = new Wave
            {
                SurveyId = plan.SurveyId,
                Kind = WaveKind.Panel,
                SelectionJson = JsonSerializer.Serialize(new
                {
                    where = plan.Where,
                    sample = plan.SampleSize,
                    stratify = plan.StratifyBy,
                    seed = plan.Seed,
                    matched = members.Count,
                }),
                StratifyBy = plan.StratifyBy,
                SendAt = plan.SendAt,
                ReminderDays = string.Join(',', plan.ReminderDays),
                ClosesOn = plan.ClosesOn,
                CreatedAt = now,
                CreatedBy = plan.CreatedBy,
            };
            db.Waves.Add(wave);
            await db.SaveChangesAsync(cancellationToken);

            var invitations = invited.Select(m => (Member: m, Invitation: new Invitation
            {
                WaveId = wave.Id,
                MemberId = m.Id,
                Stratum = plan.StratifyBy is { } f ? m.Value(f) : null,
                Language = m.Language,
                TokenHash = PersonalTokens.Hash(tokens.InvitationToken(wave.Id, m.Id)),
                Status = InvitationStatus.Created,
            })).ToList();
            db.Invitations.AddRange(invitations.Select(i => i.Invitation));
            await db.SaveChangesAsync(cancellationToken);

            db.Outbox.AddRange(invitations.Select(i => new OutboxMessage
            {
                Key = $"invitation:{i.Invitation.Id}",
                Template = "invitation",
                Language = i.Member.Language,
                ToAddress = i.Member.Email,
                MemberId = i.Member.Id,
                InvitationId = i.Invitation.Id,
                State = OutboxState.Queued,
                NotBefore = plan.SendAt,
                CreatedAt = now,
            }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();

            var byStratum = invitations.GroupBy(i => i.Invitation.Stratum ?? string.Empty, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return new WaveCreated(wave, members.Count, byStratum, []);
        });
    }

    private static WaveCreated Refused(int selected, WaveProblem problem) =>
        new(null, selected, new Dictionary<string, int>(StringComparer.Ordinal), [problem]);
}
