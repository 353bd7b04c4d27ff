using System.Globalization;
using Survey.Definitions;
using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes.Matrix;

namespace Survey.Cli.Analysis;

/// <summary>
/// Which data columns <c>crosstab</c> treats as questions, and in which order their options come. With the survey next to
/// the targets file (<c>&lt;id&gt;.yaml</c>) options follow the questionnaire (<c>q</c>: the question's options,
/// <c>q.item</c>: the matrix options, <c>q.option</c>: 1 chosen, 0 not); otherwise, and for values the survey does not list,
/// numbers come first in numeric order (1, 2, …, 10), then other codes alphabetically. "Other, namely" texts
/// (<c>q_other</c>) are open answers that can identify a person, so they are never crosstabbed.
/// </summary>
internal sealed class QuestionColumns
{
    private readonly Dictionary<string, IReadOnlyList<string>> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);

    private QuestionColumns()
    {
    }

    /// <summary>The survey of the targets file, when it is next to it and valid; otherwise order and open columns from the data alone.</summary>
    public static QuestionColumns For(string targetsPath)
    {
        var result = new QuestionColumns();
        var surveyFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(targetsPath)) ?? ".", Definitions.Targets.TargetsLoader.SurveyIdOf(targetsPath) + ".yaml");
        if (File.Exists(surveyFile) && SurveyLoader.LoadFile(surveyFile).Survey is { } survey)
        {
            result.Read(survey);
        }
        return result;
    }

    private void Read(SurveyDefinition survey)
    {
        foreach (var q in survey.Questions)
        {
            var codes = q.Settings.Options.Select(o => o.Code).ToList();
            switch (q.Settings)
            {
                case MatrixSettings matrix:
                    foreach (var item in matrix.Items)
                    {
                        _codes[$"{q.Id}.{item.Code}"] = codes;
                    }
                    break;
                case var _ when q.Type == "multiple":
                    foreach (var code in codes)
                    {
                        _codes[$"{q.Id}.{code}"] = ["1", "0"];
                    }
                    break;
                case var _ when q.Type is "text" or "textarea":
                    _open.Add(q.Id);
                    break;
                default:
                    _codes[q.Id] = codes;
                    break;
            }
            if (q.Settings.Options.Any(o => o.Other))
            {
                _open.Add(q.Id + "_other");
            }
        }
    }

    /// <summary>
    /// True for an open answer: a text question of the survey, or an "other, namely" column (<c>q_other</c> of the survey,
    /// or any <c>x_other</c> next to a column <c>x</c> or <c>x.…</c> of the data).
    /// </summary>
    public bool IsOpen(string column, IReadOnlyList<string> header)
    {
        if (_open.Contains(column))
        {
            return true;
        }
        if (!column.EndsWith("_other", StringComparison.Ordinal))
        {
            return false;
        }
        var question = column[..^"_other".Length];
        return header.Any(h => h == question || h.StartsWith(question + ".", StringComparison.Ordinal));
    }

    /// <summary>The distinct values present, in the survey's order where it lists them, then numbers, then other codes.</summary>
    public IReadOnlyList<string> Categories(string column, IEnumerable<string?> values)
    {
        var present = values.OfType<string>().Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);
        var listed = _codes.GetValueOrDefault(column) ?? [];
        var rest = present.Where(v => !listed.Contains(v, StringComparer.Ordinal)).ToList();
        var numbers = rest.Select(v => (Value: v, Ok: double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x), Number: x)).ToList();
        return
        [
            .. listed.Where(present.Contains),
            .. numbers.Where(n => n.Ok).OrderBy(n => n.Number).Select(n => n.Value),
            .. numbers.Where(n => !n.Ok).Select(n => n.Value).Order(StringComparer.Ordinal),
        ];
    }
}
