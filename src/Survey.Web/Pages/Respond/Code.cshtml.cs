using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Survey.Data;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Respond;

/// <summary>
/// A letter's access code opens the survey: typed into the form at <c>/{lang}/code</c>, or carried by the letter's QR code
/// to <c>/{lang}/code/{CODE}</c>, which redeems it at once (<see cref="Invitations.RedeemAsync"/>). An unknown, used or
/// expired code gets one and the same message, so the page never tells whether a code existed; both ways of trying a
/// code are rate-limited per client (<see cref="RateLimits.AccessCodes"/>).
/// </summary>
public sealed class CodeModel(SurveyDbContext db, SurveyLibrary library, CivilDate date, IStringLocalizer localizer) : PageModel
{
    public LanguageTag Language { get; private set; }

    public string? Code { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        return code is null ? Page() : await RedeemAsync(code, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken cancellationToken)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        if (string.IsNullOrWhiteSpace(code))
        {
            Errors = [new("code", localizer["letters.code_missing"])];
            return Page();
        }
        return await RedeemAsync(code, cancellationToken);
    }

    private async Task<IActionResult> RedeemAsync(string code, CancellationToken cancellationToken)
    {
        var redeemed = await Invitations.RedeemAsync(db, library, code, Language, date.Today(), cancellationToken);
        if (redeemed is null)
        {
            Code = code.Length > 64 ? code[..64] : code;
            Errors = [new("code", localizer["letters.code_refused"])];
            return Page();
        }
        var (draft, survey, language) = redeemed;
        return Redirect($"/{language}/{survey.Id}/{draft.Token}/{survey.Pages[0].Id}");
    }
}
