using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Survey.Data;
using Survey.Definitions.Model;
using Survey.Definitions.Panel;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Panel;

/// <summary>
/// Joining the International Panel: address, language, the optional profile and consent. Double opt-in: the member is
/// pending until the mailed link is followed. Whether the address was known already is never shown: every accepted form
/// leads to the same "check your mail" page, and the address gets the mail that fits.
/// </summary>
public sealed class SignUpModel(
    SurveyDbContext db, PanelProfile profile, PersonalTokens tokens, TimeProvider time, IOptions<PanelOptions> options, IStringLocalizer localizer) : PageModel
{
    public PanelProfile Profile => profile;

    public int ConfirmHours => options.Value.ConfirmHours;

    public LanguageTag Language { get; private set; }

    public string Email { get; private set; } = string.Empty;

    public bool Consent { get; private set; }

    public ProfileForm Form { get; private set; } = new();

    public List<KeyValuePair<string, string>> Errors { get; } = [];

    public void OnGet()
    {
        Language = LocalizationExtensions.CurrentLanguage();
        Form = new ProfileForm { Language = profile.IsLanguage(Language.Value) ? Language.Value : profile.Languages[0] };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        Email = Request.Form["email"].ToString();
        Consent = Request.Form["consent"] == "yes";
        var email = PanelMembers.NormalizeEmail(Email);
        if (string.IsNullOrWhiteSpace(Email))
        {
            Errors.Add(new("email", localizer["panel.error.email_missing"]));
        }
        else if (email is null)
        {
            Errors.Add(new("email", localizer["panel.error.email_invalid"]));
        }
        Form = ProfileForm.Read(Request.Form, profile, localizer, Errors);
        if (!Consent)
        {
            Errors.Add(new("consent", localizer["panel.error.consent"]));
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        await Handler.SignUpAsync(db, tokens, email!, Form, options.Value, time.GetUtcNow(), cancellationToken);
        return Redirect($"/{Language.Value}/panel/check-mail");
    }

    public static class Handler
    {
        /// <summary>A new address becomes a pending member with a confirmation mail; a known one gets the mail that fits
        /// (a fresh confirmation while pending, else its self-service link) and nothing else changes.</summary>
        public static async Task SignUpAsync(
            SurveyDbContext db, PersonalTokens tokens, string email, ProfileForm form, PanelOptions options, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var expires = now.AddHours(options.ConfirmHours);
            var known = await db.PanelMembers.SingleOrDefaultAsync(m => m.Email == email, cancellationToken);
            if (known is null)
            {
                var member = PanelMembers.Create(tokens, email, form.Language, PanelMembers.SourceSignup, options.ConsentVersion, now);
                form.ApplyTo(member);
                member.Status = PanelMemberStatus.Pending;
                member.ConfirmExpiresAt = expires;
                db.PanelMembers.Add(member);
                await PanelMembers.EnqueueAsync(db, member, PanelMembers.ConfirmTemplate, now, cancellationToken);
            }
            else if (known.Status == PanelMemberStatus.Pending)
            {
                known.ConfirmExpiresAt = expires;
                await PanelMembers.EnqueueAsync(db, known, PanelMembers.ConfirmTemplate, now, cancellationToken);
            }
            else
            {
                await PanelMembers.EnqueueAsync(db, known, PanelMembers.AlreadyMemberTemplate, now, cancellationToken);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (known is null)
            {
                // The same address signed up at the same moment in another request: that one wins, and mails it.
            }
        }
    }
}
