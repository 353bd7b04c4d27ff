using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Survey.Data;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;
using Survey.Web.Results;

namespace Survey.Web.Pages.Research;

/// <summary>Every survey with its completed responses (current version), latest snapshot and latest run; recompute on demand.</summary>
public sealed class IndexModel(SurveyLibrary library, SurveyDbContext db, ResultsQueries results, IResultsScheduler scheduler, IStringLocalizer localizer) : PageModel
{
    public LanguageTag Language { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? requested, CancellationToken cancellationToken)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        if (requested is not null && library.Find(requested) is { } survey)
        {
            Notice = localizer["research.recompute_requested", survey.Title[Language]];
        }
        var rows = new List<Row>();
        foreach (var s in library.All)
        {
            rows.Add(await Handler.RowAsync(s, db, results, cancellationToken));
        }
        Rows = rows;
    }

    public async Task<IActionResult> OnPostRecomputeAsync(string? surveyId, CancellationToken cancellationToken)
    {
        var survey = surveyId is null ? null : library.Find(surveyId);
        if (survey is null)
        {
            return NotFound();
        }
        await scheduler.RequestNowAsync(survey.Id, cancellationToken);
        return Redirect($"/{LocalizationExtensions.CurrentLanguage()}/research?requested={Uri.EscapeDataString(survey.Id)}");
    }

    public sealed record Row(SurveyDefinition Survey, int Responses, ResultSnapshot? Snapshot, ResultRun? Run);

    public static class Handler
    {
        public static async Task<Row> RowAsync(SurveyDefinition survey, SurveyDbContext db, ResultsQueries results, CancellationToken cancellationToken)
        {
            var responses = await db.Responses.CountAsync(r => r.SurveyId == survey.Id && r.SurveyVersion == survey.Version, cancellationToken);
            var snapshot = await results.LatestSnapshotAsync(survey.Id, cancellationToken);
            var runs = await results.RunsAsync(survey.Id, 1, cancellationToken);
            return new Row(survey, responses, snapshot, runs.Count > 0 ? runs[0] : null);
        }
    }
}
