using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Survey.Data;
using Survey.Definitions.Model;
using Survey.Definitions.Panel;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Panel;

/// <summary>
/// "My data", reached from every panel mail: what is stored about the member, changing language and profile, a JSON
/// download of everything stored, mail off and on again, and the way out (<see cref="LeaveModel"/>). The address itself
/// is not changed here (that would need a new confirmation): a member with a new address leaves and signs up again.
/// </summary>
public sealed class MeModel(SurveyDbContext db, PanelProfile profile, IStringLocalizer localizer) : PageModel
{
    public PanelProfile Profile => profile;

    public PanelMember? Member { get; private set; }

    public LanguageTag Language { get; private set; }

    public string Token { get; private set; } = string.Empty;

    public ProfileForm Form { get; private set; } = new();

    public List<KeyValuePair<string, string>> Errors { get; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, string? done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken))
        {
            return NotValid();
        }
        Notice = done switch
        {
            "saved" => localizer["panel.me.saved"].Value,
            "mail-off" => localizer["panel.me.mail_off_done"].Value,
            "mail-on" => localizer["panel.me.mail_on_done"].Value,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken))
        {
            return NotValid();
        }
        Form = ProfileForm.Read(Request.Form, profile, localizer, Errors);
        if (Errors.Count > 0)
        {
            return Page();
        }
        Form.ApplyTo(Member!);
        await db.SaveChangesAsync(cancellationToken);
        // The language may have changed: show the page in the member's new language.
        return Redirect($"/{Member!.Language}/panel/me/{Token}?done=saved");
    }

    public async Task<IActionResult> OnPostMailAsync(string token, bool on, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken))
        {
            return NotValid();
        }
        if (on)
        {
            Member!.Status = PanelMemberStatus.Active;
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await PanelMembers.UnsubscribeAsync(db, Member!, cancellationToken);
        }
        return Redirect($"/{Language.Value}/panel/me/{Token}?done={(on ? "mail-on" : "mail-off")}");
    }

    public async Task<IActionResult> OnGetDownloadAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken))
        {
            return NotValid();
        }
        var json = await Handler.ExportAsync(db, Member!, cancellationToken);
        return File(json, "application/json", "my-panel-data.json");
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        Token = token;
        Member = await PanelMembers.FindByTokenAsync(db, token, cancellationToken);
        if (Member is null || Member.Status == PanelMemberStatus.Pending)
        {
            Member = null;
            return false;
        }
        Form = ProfileForm.From(Member);
        return true;
    }

    private static PageResult NotValid() => new() { StatusCode = StatusCodes.Status404NotFound };

    public static class Handler
    {
        private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

        /// <summary>Everything stored about the member: the member row (without the token's hash, which is not about them)
        /// and their invitations with wave, survey, status and days. No answers: none are linked to a member.</summary>
        public static async Task<byte[]> ExportAsync(SurveyDbContext db, PanelMember member, CancellationToken cancellationToken)
        {
            var invitations = await db.Invitations.AsNoTracking()
                .Where(i => i.MemberId == member.Id)
                .Join(db.Waves, i => i.WaveId, w => w.Id, (i, w) => new { i.WaveId, w.SurveyId, i.Language, i.Stratum, Status = i.Status.ToString(), i.MailedAt, i.RemindersSent, i.AnsweredOn, w.ClosesOn })
                .ToListAsync(cancellationToken);
            var mails = await db.Outbox.AsNoTracking()
                .Where(o => o.MemberId == member.Id)
                .Select(o => new { o.Template, o.Language, State = o.State.ToString(), o.CreatedAt, o.SentAt })
                .ToListAsync(cancellationToken);
            var data = new
            {
                member = new
                {
                    member.Email,
                    member.Language,
                    member.Nationality,
                    member.District,
                    ageBand = member.AgeBand,
                    Status = member.Status.ToString(),
                    member.Source,
                    member.ConsentVersion,
                    member.CreatedAt,
                    member.ConfirmedAt,
                },
                invitations,
                mails,
            };
            return JsonSerializer.SerializeToUtf8Bytes(data, Json);
        }
    }
}
