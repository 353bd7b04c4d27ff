using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using Survey.Data;
using Survey.Definitions;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;

namespace Survey.Web.Mail;

/// <summary>The mail templates of <c>locales/mail/</c>, loaded once at start-up (the locale check has validated them).</summary>
public sealed class MailTemplates(MailTemplateCatalogResult catalog)
{
    public MailTemplate? Find(string name, string language) => catalog.Find(name, language);

    /// <summary>The languages that have templates, nl and en first.</summary>
    public IReadOnlyList<string> Languages { get; } =
        [.. catalog.Templates.Keys.Select(k => k.Language).Distinct().OrderBy(l => l == "nl" ? 0 : l == "en" ? 1 : 2).ThenBy(l => l, StringComparer.Ordinal)];
}

/// <summary>What a message is rendered from: the outbox row and what its ids point at (null when gone).</summary>
public sealed record MailContext(OutboxMessage Row, PanelMember? Member, Invitation? Invitation, Wave? Wave);

/// <summary>
/// Turns an outbox row into a message: the personal links are derived again from the ids (PANEL.md: member token
/// <c>member</c>/<c>{memberId}</c>, invitation token <c>invitation</c>/<c>{waveId}:{memberId}</c>), never read from storage.
/// Also decides whether the row is still to be sent at all (<see cref="SkipReason"/>).
/// </summary>
public sealed class MailComposer(MailTemplates templates, PersonalTokens tokens, SurveyLibrary library, IOptions<SurveyPlatformOptions> platform, IOptions<MailOptions> mail, TimeProvider time)
{
    private string PublicUrl => platform.Value.PublicUrl.TrimEnd('/');

    /// <summary>Why the row is not to be sent (any more), or null to send it.</summary>
    public static string? SkipReason(MailContext context, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(context);
        var row = context.Row;
        if (string.IsNullOrEmpty(row.ToAddress))
        {
            return "no address (the member left the panel)";
        }
        if (row.Template == "goodbye")
        {
            return null; // The answer to leaving or unsubscribing: the only mail to someone no longer in the panel.
        }
        if (context.Member is not { } member)
        {
            return "the member left the panel";
        }
        var pendingAllowed = row.Template is "confirm" or "already-member";
        if (member.Status == PanelMemberStatus.Unsubscribed || (member.Status == PanelMemberStatus.Pending && !pendingAllowed))
        {
            return $"the member is {member.Status.ToString().ToLowerInvariant()}";
        }
        if (row.Template is "invitation" or "reminder")
        {
            if (context.Invitation is not { } invitation || context.Wave is not { } wave)
            {
                return "the invitation is gone";
            }
            if (invitation.Status is InvitationStatus.Answered or InvitationStatus.OptedOut or InvitationStatus.Bounced)
            {
                return $"the invitation is {invitation.Status.ToString().ToLowerInvariant()}";
            }
            if (today > wave.ClosesOn)
            {
                return "the wave is closed";
            }
        }
        return null;
    }

    /// <summary>The placeholder values of the row's template (links in the row's language).</summary>
    public IReadOnlyDictionary<string, string> Values(MailContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lang = context.Row.Language;
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["signup_link"] = $"{PublicUrl}/{lang}/panel" };
        if (context.Member is { } member)
        {
            var memberToken = tokens.MemberToken(member.Id);
            values["manage_link"] = $"{PublicUrl}/{lang}/panel/me/{memberToken}";
            values["unsubscribe_link"] = UnsubscribeUrl(lang, memberToken);
            values["link"] = context.Row.Template == "confirm" || (context.Row.Template == "already-member" && member.Status == PanelMemberStatus.Pending)
                ? $"{PublicUrl}/{lang}/panel/confirm/{memberToken}"
                : values["manage_link"];
        }
        if (context is { Invitation: { } invitation, Wave: { } wave })
        {
            var memberId = invitation.MemberId ?? context.Member?.Id ?? Guid.Empty;
            values["link"] = $"{PublicUrl}/{lang}/i/{tokens.InvitationToken(wave.Id, memberId)}";
            var language = LanguageTag.TryCreate(lang, out var tag) ? tag : LanguageTag.Dutch;
            values["survey"] = library.Find(wave.SurveyId)?.Title[language] ?? wave.SurveyId;
            values["closes"] = FormatDay(wave.ClosesOn, lang);
        }
        return values;
    }

    /// <summary>The message to send; null when the row's template does not exist in its language.</summary>
    public MimeMessage? Compose(MailContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var row = context.Row;
        if ((templates.Find(row.Template, row.Language) ?? templates.Find(row.Template, "nl")) is not { } template)
        {
            return null;
        }
        var rendered = MailTemplateCatalog.Render(template, Values(context));
        var message = new MimeMessage
        {
            Subject = rendered.Subject,
            Date = time.GetUtcNow(),
            MessageId = MessageId(row.Key),
            Body = new BodyBuilder { TextBody = rendered.Text, HtmlBody = rendered.Html }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(mail.Value.From));
        message.To.Add(MailboxAddress.Parse(row.ToAddress ?? throw new InvalidOperationException("The outbox row has no address.")));
        message.Headers.Add("Content-Language", template.Language.Value);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (context.Member is { } member)
        {
            // RFC 2369 and RFC 8058: mail programs show an unsubscribe button that POSTs to this address without cookies.
            var url = UnsubscribeUrl(row.Language, tokens.MemberToken(member.Id));
            message.Headers.Add("List-Unsubscribe", $"<{url}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }

    /// <summary>Stable per outbox key, so a message delivered twice would be recognisable as one.</summary>
    public string MessageId(string key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        var host = Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : "survey.invalid";
        return $"outbox.{hash}@{host}";
    }

    /// <summary>
    /// A day written in full, day before month (<c>maandag 14 december 2026</c>, <c>Monday 14 December 2026</c>): British
    /// usage in English, as on the researcher pages, never the US month-first form of .NET's "en" culture.
    /// </summary>
    public static string FormatDay(DateOnly day, string language)
    {
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            culture = CultureInfo.InvariantCulture;
        }
        return day.ToString("dddd d MMMM yyyy", culture);
    }

    private string UnsubscribeUrl(string lang, string memberToken) => $"{PublicUrl}/{lang}/panel/unsubscribe/{memberToken}";
}
