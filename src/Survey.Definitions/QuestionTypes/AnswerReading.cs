using System.Globalization;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;

namespace Survey.Definitions.QuestionTypes;

/// <summary>Helpers the question types share to read posted fields.</summary>
internal static class AnswerReading
{
    /// <summary>The most characters accepted in an "other, namely …" field.</summary>
    public const int OtherTextMaxLength = 200;

    public static AnswerParseResult Valid(IReadOnlyList<AnswerValue> values) => new(values, []);

    public static AnswerParseResult Unanswered(QuestionDefinition question, string field) =>
        question.Required ? Fail(field, MessageKeys.Required) : Valid([]);

    public static AnswerParseResult Fail(string field, string key, params object[] arguments) =>
        new([], [new AnswerError(field, key, arguments)]);

    /// <summary>The posted values of a field, trimmed, without empty ones.</summary>
    public static List<string> Posted(IFormInput form, string field) =>
        [.. form.Values(field).Select(v => v?.Trim() ?? string.Empty).Where(v => v.Length > 0)];

    /// <summary>Line ends as LF (browsers post CRLF), trimmed.</summary>
    public static string NormaliseText(string? text) =>
        (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    /// <summary>Length as a reader counts it: text elements, so an emoji or an accented letter is one.</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>
    /// The most UTF-16 code units a text element may take on average. A flag or a skin-toned emoji takes 4; without this
    /// bound one "character" could carry thousands of combining marks.
    /// </summary>
    public const int MaxCodeUnitsPerElement = 4;

    /// <summary>Control characters other than line end and tab: nobody types them, and some stores refuse them.</summary>
    public static bool HasControlCharacters(string text) => text.Any(c => char.IsControl(c) && c is not ('\n' or '\t'));

    /// <summary>
    /// Over <paramref name="max"/> characters as a reader counts them, or over <see cref="MaxCodeUnitsPerElement"/> times
    /// that in UTF-16 code units (what is stored).
    /// </summary>
    public static bool IsTooLong(string text, int max) =>
        text.Length > (long)max * MaxCodeUnitsPerElement || Length(text) > max;

    /// <summary>
    /// Reads one or several option codes from the question's field, with the "other, namely" text when the other
    /// option is chosen. Shared by single, multiple, dropdown and rating.
    /// </summary>
    public static AnswerParseResult Choices(QuestionDefinition question, IFormInput form, IReadOnlyList<OptionDefinition> options, bool multiple, int? maxChoices)
    {
        var field = FieldNames.For(question.Id);
        var posted = Posted(form, field).Distinct(StringComparer.Ordinal).ToList();
        if (posted.Count == 0)
        {
            return Unanswered(question, field);
        }
        if (!multiple && posted.Count > 1)
        {
            return Fail(field, MessageKeys.Invalid);
        }
        var chosen = new List<OptionDefinition>();
        foreach (var code in posted)
        {
            var option = options.FirstOrDefault(o => o.Code == code);
            if (option is null)
            {
                return Fail(field, MessageKeys.Invalid);
            }
            chosen.Add(option);
        }
        if (multiple && chosen.Count > 1 && chosen.FirstOrDefault(o => o.DontKnow) is { } exclusive)
        {
            // "Don't know" or "none of these" is an answer on its own, never one of several.
            return Fail(field, MessageKeys.Exclusive, exclusive.Text);
        }
        if (maxChoices is { } max && chosen.Count > max)
        {
            return Fail(field, MessageKeys.MaxChoices, max);
        }
        string? otherText = null;
        if (chosen.Any(o => o.Other))
        {
            var otherField = FieldNames.ForOther(question.Id);
            var postedOther = form.Values(otherField);
            otherText = NormaliseText(postedOther.Count == 0 ? null : postedOther[0]);
            if (otherText.Length == 0)
            {
                return Fail(otherField, MessageKeys.OtherText);
            }
            if (HasControlCharacters(otherText))
            {
                return Fail(otherField, MessageKeys.Invalid);
            }
            if (IsTooLong(otherText, OtherTextMaxLength))
            {
                return Fail(otherField, MessageKeys.MaxLength, OtherTextMaxLength);
            }
        }
        // Stored in the order of the definition, so the same choices always give the same rows.
        return Valid([.. options.Where(chosen.Contains).Select(o => new AnswerValue(null, o.Code, o.Other ? otherText : null))]);
    }

    /// <summary>The inverse of <see cref="Choices"/>: codes in the main field, the other text in the other field.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ChoiceFormValues(QuestionDefinition question, IReadOnlyList<AnswerValue> stored)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [FieldNames.For(question.Id)] = [.. stored.Where(v => v.Code is not null).Select(v => v.Code!)],
        };
        if (stored.FirstOrDefault(v => v.Code is not null && v.Text is not null) is { } other)
        {
            values[FieldNames.ForOther(question.Id)] = [other.Text!];
        }
        return values;
    }

    /// <summary>The main field holds the stored text (numbers, dates, years, open answers) or a don't-know code.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> SingleFieldFormValues(QuestionDefinition question, IReadOnlyList<AnswerValue> stored) =>
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [FieldNames.For(question.Id)] = [.. stored.Select(v => v.Text ?? v.Code).OfType<string>()],
        };
}
