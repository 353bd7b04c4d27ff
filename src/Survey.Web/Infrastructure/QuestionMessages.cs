using System.Globalization;
using Microsoft.Extensions.Localization;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;

namespace Survey.Web.Infrastructure;

/// <summary>
/// The text of a validation error: the question's own <c>messages</c> first, else <c>validation.&lt;key&gt;</c> from locales.
/// <see cref="For"/> is the short message shown at the field; <see cref="ForSummary"/> names the question (or matrix item)
/// too, because the error summary at the top lists several.
/// </summary>
public sealed class QuestionMessages(IStringLocalizer localizer)
{
    public string For(QuestionDefinition question, AnswerError error, LanguageTag language)
    {
        var args = error.Arguments.Select(a => a switch
        {
            LocalizedText text => text[language],
            IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
            _ => a?.ToString() ?? string.Empty,
        }).ToArray<object>();
        if (question.Messages.TryGetValue(error.MessageKey, out var own))
        {
            return string.Format(CultureInfo.CurrentCulture, own[language], args);
        }
        if (error.MessageKey == MessageKeys.Required)
        {
            return Required(question, error.Field, language);
        }
        return string.Format(CultureInfo.CurrentCulture, localizer["validation." + error.MessageKey].Value, args);
    }

    /// <summary>"Please answer" says what to do for this kind of question: choose a mark from 1 to 10, enter a date …</summary>
    private string Required(QuestionDefinition question, string field, LanguageTag language) => question.Settings switch
    {
        Survey.Definitions.QuestionTypes.Matrix.MatrixSettings when field.Contains(':', StringComparison.Ordinal) => localizer["validation.required_matrix_item"],
        Survey.Definitions.QuestionTypes.Rating.RatingSettings rating when rating.ExtraOptions.FirstOrDefault(o => o.DontKnow) is { } dontKnow =>
            localizer["validation.required_rating_or", rating.Min, rating.Max, dontKnow.Text[language]],
        Survey.Definitions.QuestionTypes.Rating.RatingSettings rating => localizer["validation.required_rating", rating.Min, rating.Max],
        Survey.Definitions.QuestionTypes.Number.NumberSettings { Min: { } min, Max: { } max } =>
            localizer["validation.required_number_range", min.ToString(CultureInfo.CurrentCulture), max.ToString(CultureInfo.CurrentCulture)],
        Survey.Definitions.QuestionTypes.Number.NumberSettings => localizer["validation.required_number"],
        Survey.Definitions.QuestionTypes.Text.TextSettings => localizer["validation.required_text"],
        Survey.Definitions.QuestionTypes.Date.DateSettings { YearOnly: true } => localizer["validation.required_year"],
        Survey.Definitions.QuestionTypes.Date.DateSettings { MonthOnly: true } => localizer["validation.required_month"],
        Survey.Definitions.QuestionTypes.Date.DateSettings => localizer["validation.required_date"],
        _ when question.Type == "multiple" => localizer["validation.required_multiple"],
        Survey.Definitions.QuestionTypes.Choice.ChoiceSettings => localizer["validation.required_choice"],
        _ => localizer["validation.required"],
    };

    public string ForSummary(QuestionDefinition question, AnswerError error, LanguageTag language)
    {
        var subject = error.Field.Contains(':', StringComparison.Ordinal) && question.Settings is Survey.Definitions.QuestionTypes.Matrix.MatrixSettings matrix
            ? ItemText(question, matrix, error.Field, language)
            : question.Text[language];
        var trimmed = subject.TrimEnd();
        var separator = trimmed.Length > 0 && trimmed[^1] is '?' or '.' or ':' or '!' ? " " : ": ";
        return trimmed + separator + For(question, error, language);
    }

    private static string ItemText(QuestionDefinition question, Survey.Definitions.QuestionTypes.Matrix.MatrixSettings matrix, string field, LanguageTag language)
    {
        var code = field.Split(':', 2)[1];
        var item = matrix.Items.FirstOrDefault(i => i.Code == code);
        return item is null ? question.Text[language] : item.Text[language];
    }
}
