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

    /// <summary>Every table of the choice (for the question filter), before filtering.</summary>
    public IReadOnlyList<(string Id, string Title)> AllTables { get; private set; } = [];

    /// <summary>The split shown; null without a snapshot.</summary>
    public SplitChoice? Choice { get; private set; }

    /// <summary>The question (table id) shown alone, or null for all.</summary>
    public string? Only { get; private set; }

    /// <summary>The first splits a researcher can choose, with labels.</summary>
    public IReadOnlyList<(string Name, string Label)> ByOptions { get; private set; } = [];

    /// <summary>The second splits a researcher can choose, with labels.</summary>
    public IReadOnlyList<(string Name, string Label)> ThenByOptions { get; private set; } = [];

    /// <summary>The label of a split variable.</summary>
    public string SplitLabel(string name) => SnapshotSplits.Variable(library, Survey, name)?.Label[Language] ?? name;

    /// <summary>The label of a group of a split variable (a weighting margin's category, for example).</summary>
    public string GroupLabel(string variable, string code) => SnapshotSplits.Variable(library, Survey, variable)?.GroupLabel(code, Language) ?? code;

    /// <summary>The query string of the current choice, for links (downloads).</summary>
    public string ChoiceQuery => Choice is null ? string.Empty
        : "&by=" + Uri.EscapeDataString(Choice.By) + (Choice.ThenBy is null ? string.Empty : "&then=" + Uri.EscapeDataString(Choice.ThenBy));

    public bool Requested { get; private set; }

    public async Task<IActionResult> OnGetAsync(string surveyId, bool requested, string? by, string? then, string? q, CancellationToken cancellationToken)
    {
        if (library.Find(surveyId) is not { } survey)
        {
            return NotFound();
        }
        Language = LocalizationExtensions.CurrentLanguage();
        Survey = survey;
        Requested = requested;
        Response.Headers.ContentSecurityPolicy = Infrastructure.SecurityHeaders.WithOwnScript;
        var runs = await results.RunsAsync(surveyId, 1, cancellationToken);
        Run = runs.Count > 0 ? runs[0] : null;
        Snapshot = await results.LatestSnapshotAsync(surveyId, cancellationToken);
        if (Snapshot is not null)
        {
            Report = ResultsJson.Report(Snapshot);
            Choice = SnapshotSplits.Choose(Snapshot, by, then);
            ByOptions = [.. SnapshotSplits.By(Snapshot).Select(name => (name, SplitLabel(name)))];
            ThenByOptions = [.. SnapshotSplits.ThenBy(Snapshot).Select(name => (name, SplitLabel(name)))];
            var all = Handler.Tables(survey, Snapshot, Choice, Language, localizer, library);
            AllTables = [.. all.Select(t => (t.Id, t.Title))];
            Only = q is not null && all.Any(t => t.Id == q) ? q : null;
            Tables = Only is null ? all : [.. all.Where(t => t.Id == Only)];
        }
        return Page();
    }

    /// <summary>The latest snapshot as crosstab CSV (standard or Dutch Excel), XLSX or JSON.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string surveyId, string format, string? by, string? then, CancellationToken cancellationToken)
    {
        if (library.Find(surveyId) is not { } survey || await results.LatestSnapshotAsync(surveyId, cancellationToken) is not { } snapshot)
        {
            return NotFound();
        }
        var ids = SnapshotDownloads.ResponseIds(snapshot);
        var answers = format is "microdata" or "json" or "sav" or "dta"
            ? (await db.ResponseAnswers.AsNoTracking().Where(a => ids.Contains(a.ResponseId)).ToListAsync(cancellationToken)).ToLookup(a => a.ResponseId)
            : Enumerable.Empty<ResponseAnswer>().ToLookup(a => a.ResponseId);
        var choice = SnapshotSplits.Choose(snapshot, by, then);
        var download = SnapshotDownloads.Write(library, survey, snapshot, choice, format, LocalizationExtensions.CurrentLanguage(), answers);
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

    /// <summary>
    /// The chart axis: 0%, 25%, 50%, 75%, 100% for proportions; for means 0 and round steps (1, 2 or 5 times a power of
    /// ten, four or five of them) up to the first tick at or above the largest interval end. The last tick is the axis end.
    /// </summary>
    public static IReadOnlyList<double> AxisTicks(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.Numeric)
        {
            return [0, 0.25, 0.5, 0.75, 1];
        }
        var rough = table.Scale / 4;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2, 2.5, 5, 10 }.Select(m => m * power).First(s => s >= rough * 0.999);
        var count = (int)Math.Ceiling(table.Scale / step - 1e-9);
        return [.. Enumerable.Range(0, Math.Max(1, count) + 1).Select(i => Math.Round(i * step, 10))];
    }

    /// <summary>A column of a table: a group code (<c>all</c> or a group of the split) and its label.</summary>
    public sealed record Column(string Group, string Label);

    /// <summary>A row: an option (null for the mean of a number question) and its cells by group.</summary>
    public sealed record Row(string? Option, string Label, IReadOnlyDictionary<string, ResultCell> Cells);

    /// <summary>The rows of everyone (<see cref="Group2"/> null) or of one group of the second split.</summary>
    public sealed record Section(string? Group2, string? Label, IReadOnlyList<Row> Rows);

    /// <summary>One table: a closed question, a matrix item or a multiple-choice option (<c>q.item</c>).</summary>
    public sealed record Table(string Id, string Title, IReadOnlyList<Column> Columns, IReadOnlyList<Section> Sections, ResultTest? Test, bool Numeric)
    {
        /// <summary>The rows over everyone (the chart shows these).</summary>
        public IReadOnlyList<Row> Rows => Sections[0].Rows;

        public bool AnyIndicative => Sections.SelectMany(s => s.Rows).Any(r => r.Cells.Values.Any(c => c.Indicative && !c.Suppressed));

        /// <summary>The upper end of the chart's axis: 100% for proportions, the largest interval end for means.</summary>
        public double Scale => Numeric
            ? Math.Max(1e-9, Rows.SelectMany(r => r.Cells.Values).Select(c => c.Upper ?? c.Value ?? 0).DefaultIfEmpty(1).Max())
            : 1;
    }

    public static class Handler
    {
        public static IReadOnlyList<Table> Tables(
            SurveyDefinition survey, ResultSnapshot snapshot, SplitChoice choice, LanguageTag language, IStringLocalizer l, SurveyLibrary library)
        {
            ArgumentNullException.ThrowIfNull(survey);
            ArgumentNullException.ThrowIfNull(snapshot);
            ArgumentNullException.ThrowIfNull(choice);
            ArgumentNullException.ThrowIfNull(l);
            var cells = SnapshotSplits.Cells(snapshot, choice);
            var tests = SnapshotSplits.Tests(snapshot, choice);
            var by = SnapshotSplits.Variable(library, survey, choice.By);
            var thenBy = choice.ThenBy is null ? null : SnapshotSplits.Variable(library, survey, choice.ThenBy);
            var columns = Columns(by, cells, language, l);
            var levels = Levels(thenBy, cells);
            var variables = cells.Select(c => c.Question).Distinct(StringComparer.Ordinal).ToList();
            var tables = new List<Table>();
            foreach (var question in survey.Questions)
            {
                foreach (var variable in variables.Where(v => v == question.Id || v.StartsWith(question.Id + ".", StringComparison.Ordinal)))
                {
                    var part = variable.Length > question.Id.Length ? variable[(question.Id.Length + 1)..] : null;
                    var own = cells.Where(c => c.Question == variable).ToList();
                    var options = own.Select(c => c.Option).Distinct().ToList();
                    var sections = new List<Section>();
                    foreach (var level in levels)
                    {
                        var inLevel = own.Where(c => c.Group2 == level).ToList();
                        var rows = options.Select(option => new Row(
                            option,
                            OptionLabel(question, part, option, language, l),
                            inLevel.Where(c => c.Option == option).GroupBy(c => c.Group, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal))).ToList();
                        sections.Add(new Section(level, level is null ? null : thenBy?.GroupLabel(level, language) ?? level, rows));
                    }
                    var title = question.Text[language] + (part is null ? string.Empty : " – " + PartLabel(question, part, language));
                    var test = tests.FirstOrDefault(t => t.Question == variable);
                    tables.Add(new Table(variable, title, columns, sections, test, options.All(o => o is null)));
                }
            }
            return tables;
        }

        private static List<Column> Columns(SplitVariable? by, IReadOnlyList<ResultCell> cells, LanguageTag language, IStringLocalizer l)
        {
            var present = cells.Select(c => c.Group).ToHashSet(StringComparer.Ordinal);
            var ordered = new List<string> { "all" };
            ordered.AddRange((by?.Groups ?? []).Select(g => g.Code).Where(present.Contains));
            ordered.AddRange(present.Where(g => !ordered.Contains(g)).Order(StringComparer.Ordinal));
            return [.. ordered.Where(present.Contains).Select(g => new Column(g,
                g == "all" ? l["research.group_all"].Value : by?.GroupLabel(g, language) ?? g))];
        }

        /// <summary>Everyone (null) first, then the groups of the second split in its order.</summary>
        private static List<string?> Levels(SplitVariable? thenBy, IReadOnlyList<ResultCell> cells)
        {
            var present = cells.Where(c => c.Group2 is not null).Select(c => c.Group2!).ToHashSet(StringComparer.Ordinal);
            var ordered = new List<string?> { null };
            ordered.AddRange((thenBy?.Groups ?? []).Select(g => g.Code).Where(present.Contains));
            ordered.AddRange(present.Where(g => !ordered.Contains(g)).Order(StringComparer.Ordinal));
            return ordered;
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
