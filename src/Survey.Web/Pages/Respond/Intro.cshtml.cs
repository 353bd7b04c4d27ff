using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Definitions;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Respond;

/// <summary>A survey's introduction; starting creates the unfinished answers under a fresh resume code.</summary>
public sealed class IntroModel(SurveyLibrary library, SurveyDbContext db, CivilDate date) : PageModel
{
    public SurveyDefinition Survey { get; private set; } = null!;

    public LanguageTag Language { get; private set; }

    /// <summary>Markdown rendered with raw HTML disabled: safe to emit.</summary>
    public string IntroductionHtml { get; private set; } = string.Empty;

    /// <summary>Set when the back link of the first page brought a respondent here: continue that draft, never a new one.</summary>
    public string? ContinueHref { get; private set; }

    public async Task<IActionResult> OnGetAsync(string surveyId, string? code, CancellationToken cancellationToken)
    {
        if (!Load(surveyId))
        {
            return NotFound();
        }
        IntroductionHtml = MarkdownRenderer.ToHtmlShared(Survey.Introduction[Language]);
        if (code is not null && await db.Drafts.AnyAsync(d => d.Token == code && d.SurveyId == Survey.Id && d.SurveyVersion == Survey.Version, cancellationToken))
        {
            ContinueHref = $"/{Language}/{Survey.Id}/{code}/{Survey.Pages[0].Id}";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string surveyId, CancellationToken cancellationToken)
    {
        if (!Load(surveyId) || Survey.Status != SurveyStatus.Open)
        {
            return NotFound();
        }
        var draft = await Handler.StartAsync(db, Survey, Language, date.Today(), cancellationToken);
        return Redirect($"/{Language}/{Survey.Id}/{draft.Token}/{Survey.Pages[0].Id}");
    }

    private bool Load(string surveyId)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        var survey = library.Find(surveyId);
        if (survey is null || !survey.Languages.Contains(Language))
        {
            return false;
        }
        Survey = survey;
        return true;
    }

    public static class Handler
    {
        /// <param name="invitationId">The invitation a personal link or letter code started this draft from, if any.</param>
        public static async Task<Draft> StartAsync(SurveyDbContext db, SurveyDefinition survey, LanguageTag language, DateOnly today, CancellationToken cancellationToken, long? invitationId = null)
        {
            var draft = new Draft
            {
                Token = ResumeCode.New(),
                SurveyId = survey.Id,
                SurveyVersion = survey.Version,
                Language = language.Value,
                AnswersJson = "{}",
                ReachedPages = "[]",
                StartedOn = today,
                UpdatedOn = today,
                InvitationId = invitationId,
            };
            DraftAnswers.Reach(draft, survey.Pages[0].Id);
            db.Drafts.Add(draft);
            await db.SaveChangesAsync(cancellationToken);
            return draft;
        }
    }
}
