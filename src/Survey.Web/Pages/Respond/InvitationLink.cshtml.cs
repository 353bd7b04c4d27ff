using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Survey.Data;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Respond;

/// <summary>
/// <c>/{lang}/i/{token}</c>, the personal link of a panel invitation: opens (or continues) the invitation's draft at its first
/// page, in the invitation's language. Unknown, used, expired or closed: the same page with the same status (404), in every
/// language, so nothing tells whether the link ever existed; guessing is rate-limited per client (<see cref="RateLimits.InvitationLinks"/>).
/// </summary>
public sealed class InvitationLinkModel(SurveyDbContext db, SurveyLibrary library, CivilDate date, InterfaceTexts texts) : PageModel
{
    /// <summary>The refusal's text in the other languages, for a reader whose link carried the wrong one.</summary>
    public IReadOnlyList<(string Language, string Title, string Text)> OtherLanguages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var redeemed = await Invitations.RedeemAsync(db, library, token, null, date.Today(), cancellationToken);
        if (redeemed is not null)
        {
            return Redirect($"/{redeemed.Language}/{redeemed.Survey.Id}/{redeemed.Draft.Token}/{redeemed.Survey.Pages[0].Id}");
        }
        var current = LocalizationExtensions.CurrentLanguage().Value;
        OtherLanguages = [.. texts.Cultures.Where(c => c != current)
            .Select(c => (c, texts.Find(c, "wave.link.title") ?? string.Empty, texts.Find(c, "wave.link.text") ?? string.Empty))];
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
