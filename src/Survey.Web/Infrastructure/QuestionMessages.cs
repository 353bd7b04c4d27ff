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
        var format = question.Messages.TryGetValue(error.MessageKey, out var own) ? own[language] : localizer["validation." + error.MessageKey].Value;
        return string.Format(CultureInfo.CurrentCulture, format, args);
    }

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
