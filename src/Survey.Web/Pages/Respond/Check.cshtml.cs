using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;
using Survey.Web.Results;

namespace Survey.Web.Pages.Respond;

/// <summary>
/// "Check your answers" (GOV.UK): every answer given, each with a change link that returns here, and the only Send button.
/// Shown once every page the answers bring in has been reached and no required question is open; otherwise that page.
/// </summary>
[IgnoreAntiforgeryToken]
[DraftPosts]
[OneConnection]
public sealed class CheckModel(
    SurveyLibrary library,
    SurveyDbContext db,
    CivilDate date,
    IResultsScheduler results) : PageModel
{
    /// <summary>The last segment of the check page's address, also kept in the draft's reached pages.</summary>
    public const string PageId = "check";

    public sealed record Row(string QuestionId, string Question, IReadOnlyList<string> Answer, string ChangeHref);

    public SurveyDefinition Survey { get; private set; } = null!;
    public LanguageTag Language { get; private set; }
    public string Token { get; private set; } = string.Empty;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string BackHref { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string surveyId, string token, CancellationToken cancellationToken)
    {
        var (draft, answers, result) = await LoadAsync(surveyId, token, cancellationToken);
        if (result is not null)
        {
            return result;
        }
        var flow = new SurveyFlow(Survey);
        BackHref = $"/{Language}/{Survey.Id}/{Token}/{flow.VisiblePages(answers)[^1].Id}";
        Rows = [.. flow.VisiblePages(answers).SelectMany(page => flow.VisibleQuestions(page, answers).Select(question => new Row(
            question.Id,
            question.Text[Language],
            AnswerSummary.Lines(question, answers.Get(question.Id), Language),
            $"/{Language}/{Survey.Id}/{Token}/{page.Id}?return=check#{FieldNames.HtmlId(FieldNames.For(question.Id))}")))];
        return draft is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string surveyId, string token, CancellationToken cancellationToken)
    {
        var (draft, answers, result) = await LoadAsync(surveyId, token, cancellationToken);
        if (result is not null || draft is null)
        {
            return result ?? NotFound();
        }
        var flow = new SurveyFlow(Survey);
        if (!await QuestionModel.Handler.SubmitAsync(db, Survey, draft, Language, flow.Prune(answers), date.Today(), cancellationToken))
        {
            return Redirect($"/{Language}/{Survey.Id}/{Token}/{PageId}");
        }
        await results.ResponseArrivedAsync(Survey.Id, CancellationToken.None);
        return Redirect($"/{Language}/{Survey.Id}/done");
    }

    private async Task<(Draft? Draft, AnswerSet Answers, IActionResult? Result)> LoadAsync(string surveyId, string token, CancellationToken cancellationToken)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        Token = token;
        var survey = library.Find(surveyId);
        if (survey is null || !survey.Languages.Contains(Language))
        {
            return (null, AnswerSet.Empty, NotFound());
        }
        Survey = survey;
        var draft = await DraftQueries.FindAsync(db, token, surveyId, cancellationToken);
        if (draft is null || draft.SurveyVersion != survey.Version)
        {
            // A second click on Send arrives after the first one deleted the draft (also after a restart: the record of
            // sent codes is in the database): show the same closing page.
            return (null, AnswerSet.Empty, draft is null && await CompletedCodes.ContainsAsync(db, token, date.Today(), cancellationToken)
                ? Redirect($"/{Language}/{survey.Id}/done") : NotFound());
        }
        var answers = DraftAnswers.Read(draft);
        var flow = new SurveyFlow(survey);
        var reached = DraftAnswers.ReachedPages(draft);
        // Every shown page must have been seen (a changed answer may bring in a page) and every required question answered.
        var open = flow.VisiblePages(answers).FirstOrDefault(p => !reached.Contains(p.Id, StringComparer.Ordinal))
            ?? QuestionModel.Handler.FirstIncompletePage(flow, answers);
        if (open is not null || !reached.Contains(PageId, StringComparer.Ordinal))
        {
            var target = open ?? flow.VisiblePages(answers).LastOrDefault(p => reached.Contains(p.Id, StringComparer.Ordinal)) ?? survey.Pages[0];
            return (draft, answers, Redirect($"/{Language}/{survey.Id}/{token}/{target.Id}"));
        }
        return (draft, answers, null);
    }
}
