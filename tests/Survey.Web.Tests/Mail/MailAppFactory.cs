using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Testing;
using Survey.Web.Mail;

namespace Survey.Web.Tests.Mail;

/// <summary>
/// The app sending through a real SMTP server (<see cref="SmtpTestServer"/>), or in pickup mode. The sweep and the
/// every-minute job are pushed far out: tests drain the outbox themselves (<see cref="DrainAsync"/>) after moving the clock.
/// </summary>
public sealed class MailAppFactory : SurveyAppFactory
{
    public const string PublicUrl = "https://enquete.leiden.example";

    private readonly Lazy<SmtpTestServer> _smtp = new(SmtpTestServer.Start);

    public SmtpTestServer Smtp => _smtp.Value;

    /// <summary><c>pickup</c> or <c>smtp</c>; set before the first request.</summary>
    public string Mode { get; init; } = MailOptions.SmtpMode;

    public string PickupFolder => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "mail");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Survey:PublicUrl", PublicUrl);
        builder.UseSetting("Mail:Mode", Mode);
        builder.UseSetting("Mail:SweepSeconds", "86400");
        builder.UseSetting("Mail:Cron", "0 0 1 1 *");
        builder.UseSetting("Mail:RetrySeconds", "60");
        if (Mode == MailOptions.SmtpMode)
        {
            builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Mail:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:Smtp:UseTls", "false");
        }
    }

    public async Task<DrainReport> DrainAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().DrainAsync(CancellationToken.None)
            ?? throw new InvalidOperationException("another drain was running");
    }

    public PersonalTokens Tokens => Services.GetRequiredService<PersonalTokens>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _smtp.IsValueCreated)
        {
            _smtp.Value.Dispose();
        }
    }
}

/// <summary>Panel rows written straight into the database, the way the members and waves code creates them (PANEL.md).</summary>
public static class PanelSeed
{
    public static PanelMember Member(PersonalTokens tokens, string email, string language = "nl", PanelMemberStatus status = PanelMemberStatus.Active)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var id = Guid.NewGuid();
        return new PanelMember
        {
            Id = id,
            Email = email,
            Language = language,
            Status = status,
            Source = "import",
            ConsentVersion = "test",
            CreatedAt = DateTimeOffset.UnixEpoch,
            ManageTokenHash = PersonalTokens.Hash(tokens.LinkToken("member", id.ToString("D"))),
        };
    }

    public static Wave Wave(string surveyId = "flowtest", DateOnly? closesOn = null) => new()
    {
        SurveyId = surveyId,
        Kind = WaveKind.Panel,
        SelectionJson = "{}",
        ReminderDays = "7,14",
        ClosesOn = closesOn ?? new DateOnly(2026, 12, 14),
        SendAt = DateTimeOffset.UnixEpoch,
        CreatedAt = DateTimeOffset.UnixEpoch,
        CreatedBy = "test",
    };

    /// <summary>Members with an invitation of <paramref name="wave"/> each and its queued outbox row; returns the invitations.</summary>
    public static async Task<List<Invitation>> InviteAsync(SurveyDbContext db, PersonalTokens tokens, Wave wave, IReadOnlyList<PanelMember> members, DateTimeOffset notBefore)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(members);
        if (wave.Id == 0)
        {
            db.Waves.Add(wave);
            await db.SaveChangesAsync();
        }
        var invitations = members.Select(m => new Invitation
        {
            WaveId = wave.Id,
            MemberId = m.Id,
            Language = m.Language,
            TokenHash = PersonalTokens.Hash(tokens.LinkToken("invitation", $"{wave.Id}:{m.Id:D}")),
            Status = InvitationStatus.Created,
        }).ToList();
        db.Invitations.AddRange(invitations);
        await db.SaveChangesAsync();
        db.Outbox.AddRange(invitations.Select((i, n) => new OutboxMessage
        {
            Key = $"invitation:{i.Id}",
            Template = "invitation",
            Language = i.Language,
            ToAddress = members[n].Email,
            MemberId = members[n].Id,
            InvitationId = i.Id,
            State = OutboxState.Queued,
            NotBefore = notBefore,
            CreatedAt = notBefore,
        }));
        await db.SaveChangesAsync();
        return invitations;
    }

    public static OutboxMessage Mail(PanelMember member, string template, string key, DateTimeOffset notBefore, long? invitationId = null) => new()
    {
        Key = key,
        Template = template,
        Language = member.Language,
        ToAddress = member.Email,
        MemberId = member.Id,
        InvitationId = invitationId,
        State = OutboxState.Queued,
        NotBefore = notBefore,
        CreatedAt = notBefore,
    };
}

public static class AppDbExtensions
{
    /// <summary>Like <see cref="SurveyAppFactory.WithDb{T}"/>, but keeps the scope until the query has finished.</summary>
    public static async Task<T> DbAsync<T>(this SurveyAppFactory app, Func<SurveyDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(query);
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<SurveyDbContext>());
    }
}
