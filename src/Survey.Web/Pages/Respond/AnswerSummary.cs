using System.Globalization;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes.Date;
using Survey.Definitions.QuestionTypes.Matrix;
using Survey.Definitions.QuestionTypes.Number;

namespace Survey.Web.Pages.Respond;

/// <summary>A stored answer as a respondent reads it back on the check page: option texts, local numbers, dates and months ("maart 2024").</summary>
public static class AnswerSummary
{
    /// <summary>One line per value; empty when the question was not answered.</summary>
    public static IReadOnlyList<string> Lines(QuestionDefinition question, IReadOnlyList<AnswerValue> values, LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(values);
        var options = question.Settings.Options;
        string OptionText(string code) => options.FirstOrDefault(o => o.Code == code)?.Text[language] ?? code;
        return [.. values.Select(value => question.Settings switch
        {
            MatrixSettings matrix when value.Item is not null && value.Code is not null =>
                $"{(matrix.Items.FirstOrDefault(i => i.Code == value.Item)?.Text[language] ?? value.Item).TrimEnd().TrimEnd('.', ':')}: {OptionText(value.Code)}",
            _ when value.Code is not null && value.Text is not null => $"{OptionText(value.Code)} {value.Text}",
            _ when value.Code is not null => OptionText(value.Code),
            NumberSettings number when decimal.TryParse(value.Text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) =>
                n.ToString(CultureInfo.CurrentCulture) + (number.Unit is null ? "" : " " + number.Unit[language]),
            DateSettings { MonthOnly: true } when YearMonth.TryParse(value.Text, out var month) => month.ToString(null, CultureInfo.CurrentCulture),
            DateSettings { YearOnly: false } when DateOnly.TryParseExact(value.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) =>
                day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture),
            _ => value.Text ?? string.Empty,
        })];
    }
}
