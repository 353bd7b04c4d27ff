using System.Globalization;
using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes.Matrix;
using Survey.Statistics;

namespace Survey.Web.Results;

/// <summary>One stored answer value of a response (question, matrix item, option code, text).</summary>
public sealed record StoredAnswer(string QuestionId, string? Item, string? Code, string? Text);

/// <summary>
/// Turns stored responses (one row per respondent, its answers by question id) into the engine's variables: background
/// variables for weighting and the closed questions for the crosstab.
/// </summary>
public static class ResultsVariables
{
    private const string Yes = "yes";
    private const string No = "no";

    /// <summary>
    /// Every closed question except <paramref name="skip"/> (the weighting variables, whose weighted distribution is the
    /// targets by construction): single, dropdown and rating as one categorical over the option codes; multiple as one
    /// yes/no variable per option (<c>q.option</c>) among those who answered the question; matrix as one categorical per
    /// item (<c>q.item</c>); number as numeric (an extra code such as don't-know is missing). Text, date and year are
    /// skipped, as are variables nobody answered.
    /// </summary>
    public static IReadOnlyList<SurveyVariable> Questions(
        SurveyDefinition survey, IReadOnlySet<string> skip, IReadOnlyList<IReadOnlyDictionary<string, List<StoredAnswer>>> responses)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(skip);
        ArgumentNullException.ThrowIfNull(responses);
        var result = new List<SurveyVariable>();
        foreach (var q in survey.Questions.Where(q => q.Background is null || !skip.Contains(q.Background)))
        {
            var codes = q.Settings.Options.Select(o => o.Code).ToList();
            switch (q.Type)
            {
                case "single" or "dropdown" or "rating":
                    result.Add(Categorical(q.Id, codes, responses.Select(r => FirstCode(r, q.Id))));
                    break;
                case "multiple":
                    foreach (var code in codes)
                    {
                        result.Add(Categorical($"{q.Id}.{code}", [Yes, No], responses.Select(r =>
                            !r.TryGetValue(q.Id, out var answers) ? null : answers.Any(a => a.Code == code) ? Yes : No)));
                    }
                    break;
                case "matrix" when q.Settings is MatrixSettings matrix:
                    foreach (var item in matrix.Items)
                    {
                        result.Add(Categorical($"{q.Id}.{item.Code}", codes, responses.Select(r =>
                            r.TryGetValue(q.Id, out var answers) ? answers.FirstOrDefault(a => a.Item == item.Code)?.Code : null)));
                    }
                    break;
                case "number":
                    result.Add(new NumericVariable(q.Id, [.. responses.Select(r => Number(r, q.Id))]));
                    break;
                default:
                    break;
            }
        }
        return [.. result.Where(Answered)];
    }

    private static CategoricalVariable Categorical(string name, IReadOnlyList<string> categories, IEnumerable<string?> values) =>
        // A code that is not an option of this version (cannot be stored by the app, but data may be edited) counts as missing.
        CategoricalVariable.FromValues(name, [.. values.Select(v => v is not null && categories.Contains(v, StringComparer.Ordinal) ? v : null)], categories);

    private static string? FirstCode(IReadOnlyDictionary<string, List<StoredAnswer>> response, string questionId) =>
        response.TryGetValue(questionId, out var answers) ? answers.FirstOrDefault(a => a.Code is not null)?.Code : null;

    private static double Number(IReadOnlyDictionary<string, List<StoredAnswer>> response, string questionId) =>
        response.TryGetValue(questionId, out var answers) && answers.FirstOrDefault(a => a.Code is null)?.Text is { } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
            ? x : double.NaN;

    private static bool Answered(SurveyVariable variable) => variable switch
    {
        CategoricalVariable c => c.Codes.Any(code => code >= 0),
        NumericVariable n => n.Values.Any(v => !double.IsNaN(v)),
        _ => false,
    };
}
