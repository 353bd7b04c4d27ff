using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Survey.Data;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Respond;

/// <summary>Continue unfinished answers with the resume code, on any device.</summary>
public sealed class ResumeModel(SurveyDbContext db, SurveyLibrary library, IStringLocalizer localizer) : PageModel
{
    public string? Code { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken cancellationToken)
    {
        Code = code;
        var language = LocalizationExtensions.CurrentLanguage();
        if (string.IsNullOrWhiteSpace(code))
        {
            Errors = [new("code", localizer["resume.code_missing"])];
            return Page();
        }
        var target = await Handler.FindAsync(db, library, code, cancellationToken);
        if (target is null)
        {
            Errors = [new("code", localizer["resume.unknown_code"])];
            return Page();
        }
        var (draft, page) = target.Value;
        return Redirect($"/{language}/{draft.SurveyId}/{draft.Token}/{page}");
    }

    public static class Handler
    {
        /// <summary>The draft for a typed code and the furthest page reached that is still shown; null if unknown.</summary>
        public static async Task<(Draft Draft, string PageId)?> FindAsync(SurveyDbContext db, SurveyLibrary library, string? typed, CancellationToken cancellationToken)
        {
            var token = ResumeCode.Normalize(typed);
            if (token is null)
            {
                return null;
            }
            var draft = await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Token == token, cancellationToken);
            var survey = draft is null ? null : library.Find(draft.SurveyId);
            if (draft is null || survey is null)
            {
                return null;
            }
            var flow = new Survey.Definitions.Answers.SurveyFlow(survey);
            var reached = DraftAnswers.ReachedPages(draft);
            var visible = flow.VisiblePages(DraftAnswers.Read(draft));
            var last = visible.LastOrDefault(p => reached.Contains(p.Id, StringComparer.Ordinal)) ?? survey.Pages[0];
            return (draft, last.Id);
        }
    }
}
