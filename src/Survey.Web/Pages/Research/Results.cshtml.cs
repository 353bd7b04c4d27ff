using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Survey.Data;
using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes.Matrix;
using Survey.Web.Infrastructure;
using Survey.Web.Results;

namespace Survey.Web.Pages.Research;

/// <summary>
/// One survey's latest weighted results: the weighting report, the run status and per question a table by group with a
/// bar chart of the 95% intervals. Suppressed cells show "&lt;N" only; their numbers are null in the snapshot anyway.
/// </summary>
public sealed class ResultsModel(SurveyLibrary library, ResultsQueries results, IResultsScheduler scheduler, IStringLocalizer localizer, SurveyDbContext db) : PageModel
{
    public LanguageTag Language { get; private set; }

    public SurveyDefinition Survey { get; private set; } = null!;

    public ResultSnapshot? Snapshot { get; private set; }

    public ResultReport? Report { get; private set; }

    public ResultRun? Run { get; private set; }

    public IReadOnlyList<Table> Tables { get; private set; } = [];

    public bool Requested { get; private set; }

    public async Task<IActionResult> OnGetAsync(string surveyId, bool requested, CancellationToken cancellationToken)
    {
        if (library.Find(surveyId) is not { } survey)
        {
            return NotFound();
        }
        Language = LocalizationExtensions.CurrentLanguage();
        Survey = survey;
        Requested = requested;
        var runs = await results.RunsAsync(surveyId, 1, cancellationToken);
        Run = runs.Count > 0 ? runs[0] : null;
        Snapshot = await results.LatestSnapshotAsync(surveyId, cancellationToken);
        if (Snapshot is not null)
        {
            Report = ResultsJson.Report(Snapshot);
            Tables = Handler.Tables(survey, Snapshot, Language, localizer);
        }
        return Page();
    }

    /// <summary>The latest snapshot as crosstab CSV (standard or Dutch Excel), XLSX or JSON.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string surveyId, string format, CancellationToken cancellationToken)
    {
        if (library.Find(surveyId) is not { } survey || await results.LatestSnapshotAsync(surveyId, cancellationToken) is not { } snapshot)
        {
            return NotFound();
        }
        var ids = SnapshotDownloads.ResponseIds(snapshot);
        var answers = format is "microdata" or "json"
            ? (await db.ResponseAnswers.AsNoTracking().Where(a => ids.Contains(a.ResponseId)).ToListAsync(cancellationToken)).ToLookup(a => a.ResponseId)
            : Enumerable.Empty<ResponseAnswer>().ToLookup(a => a.ResponseId);
        var download = SnapshotDownloads.Write(survey, snapshot, format, LocalizationExtensions.CurrentLanguage(), answers);
        return download is null ? NotFound() : File(download.Content, download.ContentType, download.FileName);
    }

    public async Task<IActionResult> OnPostRecomputeAsync(string surveyId, CancellationToken cancellationToken)
    {
        if (library.Find(surveyId) is not { } survey)
        {
            return NotFound();
        }
        await scheduler.RequestNowAsync(survey.Id, cancellationToken);
        return Redirect($"/{LocalizationExtensions.CurrentLanguage()}/research/{survey.Id}?requested=true");
    }

    /// <summary>A column of a table: a group code (<c>all</c> or a category of the breakdown) and its label.</summary>
    public sealed record Column(string Group, string Label);

    /// <summary>A row: an option (null for the mean of a number question) and its cells by group.</summary>
    public sealed record Row(string? Option, string Label, IReadOnlyDictionary<string, ResultCell> Cells);

    /// <summary>One table: a closed question, a matrix item or a multiple-choice option (<c>q.item</c>).</summary>
    public sealed record Table(string Id, string Title, IReadOnlyList<Column> Columns, IReadOnlyList<Row> Rows, ResultTest? Test, bool Numeric)
    {
        public bool AnyIndicative => Rows.Any(r => r.Cells.Values.Any(c => c.Indicative && !c.Suppressed));

        /// <summary>The upper end of the chart's axis: 100% for proportions, the largest interval end for means.</summary>
        public double Scale => Numeric
            ? Math.Max(1e-9, Rows.SelectMany(r => r.Cells.Values).Select(c => c.Upper ?? c.Value ?? 0).DefaultIfEmpty(1).Max())
            : 1;
    }

    public static class Handler
    {
        public static IReadOnlyList<Table> Tables(SurveyDefinition survey, ResultSnapshot snapshot, LanguageTag language, IStringLocalizer l)
        {
            ArgumentNullException.ThrowIfNull(survey);
            ArgumentNullException.ThrowIfNull(snapshot);
            ArgumentNullException.ThrowIfNull(l);
            var cells = ResultsJson.Cells(snapshot);
            var tests = ResultsJson.Tests(snapshot);
            var columns = Columns(survey, snapshot.GroupVariable, cells, language, l);
            var variables = cells.Select(c => c.Question).Distinct(StringComparer.Ordinal).ToList();
            var tables = new List<Table>();
            foreach (var question in survey.Questions)
            {
                foreach (var variable in variables.Where(v => v == question.Id || v.StartsWith(question.Id + ".", StringComparison.Ordinal)))
                {
                    var part = variable.Length > question.Id.Length ? variable[(question.Id.Length + 1)..] : null;
                    var own = cells.Where(c => c.Question == variable).ToList();
                    var rows = own.Select(c => c.Option).Distinct().Select(option => new Row(
                        option,
                        OptionLabel(question, part, option, language, l),
                        own.Where(c => c.Option == option).GroupBy(c => c.Group, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal))).ToList();
                    var title = question.Text[language] + (part is null ? string.Empty : " – " + PartLabel(question, part, language));
                    var test = tests.FirstOrDefault(t => t.Question == variable);
                    tables.Add(new Table(variable, title, columns, rows, test, rows.All(r => r.Option is null)));
                }
            }
            return tables;
        }

        private static List<Column> Columns(SurveyDefinition survey, string groupVariable, IReadOnlyList<ResultCell> cells, LanguageTag language, IStringLocalizer l)
        {
            var present = cells.Select(c => c.Group).ToHashSet(StringComparer.Ordinal);
            var options = survey.Questions.FirstOrDefault(q => q.Background == groupVariable)?.Settings.Options ?? [];
            var ordered = new List<string> { "all" };
            ordered.AddRange(options.Select(o => o.Code).Where(present.Contains));
            ordered.AddRange(present.Where(g => !ordered.Contains(g)).Order(StringComparer.Ordinal));
            return [.. ordered.Where(present.Contains).Select(g => new Column(g,
                g == "all" ? l["research.group_all"].Value : options.FirstOrDefault(o => o.Code == g)?.Text[language] ?? g))];
        }

        private static string PartLabel(QuestionDefinition question, string part, LanguageTag language) =>
            (question.Settings is MatrixSettings matrix ? matrix.Items : question.Settings.Options)
                .FirstOrDefault(o => o.Code == part)?.Text[language] ?? part;

        private static string OptionLabel(QuestionDefinition question, string? part, string? option, LanguageTag language, IStringLocalizer l)
        {
            if (option is null)
            {
                return l["research.mean"];
            }
            if (part is not null && question.Type == "multiple")
            {
                return option == "yes" ? l["research.chosen"] : option == "no" ? l["research.not_chosen"] : option;
            }
            return question.Settings.Options.FirstOrDefault(o => o.Code == option)?.Text[language] ?? option;
        }
    }
}
