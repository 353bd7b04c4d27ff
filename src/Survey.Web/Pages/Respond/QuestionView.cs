using System.Globalization;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;

namespace Survey.Web.Pages.Respond;

/// <summary>What a question partial needs: the question, its options in this respondent's order, field values and errors.</summary>
public sealed class QuestionView(
    QuestionDefinition question,
    LanguageTag language,
    IReadOnlyList<OptionDefinition> options,
    IReadOnlyDictionary<string, IReadOnlyList<string>> values,
    IReadOnlyDictionary<string, string> errors)
{
    public QuestionDefinition Question { get; } = question;
    public LanguageTag Language { get; } = language;
    public IReadOnlyList<OptionDefinition> Options { get; } = options;

    public string Field => FieldNames.For(Question.Id);
    public string Id => FieldNames.HtmlId(Field);
    public string HelpId => Id + "-help";
    public string Text => Question.Text[Language];
    public string? HelpHtml => Question.Help is null ? null : Survey.Definitions.MarkdownRenderer.ToHtmlShared(Question.Help[Language]);

    public string Value(string field) => values.TryGetValue(field, out var v) && v.Count > 0 ? v[0] : string.Empty;

    public bool IsChecked(string field, string code) => values.TryGetValue(field, out var v) && v.Contains(code, StringComparer.Ordinal);

    public string? Error(string field) => errors.TryGetValue(field, out var message) ? message : null;

    /// <summary>Any error on this question (main field, items, other text): the question gets the error style.</summary>
    public bool HasError => errors.Keys.Any(k => k == Field || k.StartsWith(Question.Id + ":", StringComparison.Ordinal));

    public static string ErrorId(string field) => FieldNames.HtmlId(field) + "-error";

    /// <summary>The aria-describedby value: help text and, when present, the error of <paramref name="field"/>.</summary>
    public string? DescribedBy(string field, string? extra = null)
    {
        var ids = new List<string>();
        if (Question.Help is not null)
        {
            ids.Add(HelpId);
        }
        if (extra is not null)
        {
            ids.Add(extra);
        }
        if (Error(field) is not null)
        {
            ids.Add(ErrorId(field));
        }
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    public string OptionId(string field, string code) => FieldNames.HtmlId(field) + "-" + code;

    public string OtherTextId => FieldNames.OtherTextHtmlId(Question.Id);

    /// <summary>
    /// Where an error summary link for <paramref name="field"/> lands: a control that takes focus (the first radio or
    /// check box of a group, the day (or month) of a date, the "other" text), never a fieldset.
    /// </summary>
    public string FocusId(string field)
    {
        if (field == FieldNames.ForOther(Question.Id))
        {
            return OtherTextId;
        }
        if (Question.Settings is Survey.Definitions.QuestionTypes.Date.DateSettings { YearOnly: false } date && field == Field)
        {
            return FieldNames.HtmlId(FieldNames.ForDatePart(Question.Id, date.Parts[0]));
        }
        if (Question.Type is "single" or "multiple" or "rating" or "matrix" && Options.Count > 0)
        {
            // Rating shows its scale before "don't know"; a matrix error is on an item, whose radios follow the same options.
            var first = Question.Type == "rating" ? Options.FirstOrDefault(o => !o.DontKnow) ?? Options[0] : Options[0];
            var group = Question.Settings is Survey.Definitions.QuestionTypes.Matrix.MatrixSettings matrix && field == Field
                ? FieldNames.ForItem(Question.Id, matrix.Items[0].Code)
                : field;
            return OptionId(group, first.Code);
        }
        return FieldNames.HtmlId(field);
    }

    /// <summary>Whether <paramref name="field"/> takes part in a shown error: its own error, or one on the whole question.</summary>
    public bool IsInvalid(string field) => Error(field) is not null || (field != Field && field.StartsWith(Question.Id + ":", StringComparison.Ordinal) && Error(Field) is not null);

    public string Invariant(decimal? number) => number?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
