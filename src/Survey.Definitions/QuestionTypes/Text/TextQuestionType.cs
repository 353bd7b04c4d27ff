using Survey.Definitions.Answers;
using Survey.Definitions.Model;

namespace Survey.Definitions.QuestionTypes.Text;

/// <summary>An open answer: one line (<c>text</c>) or a box (<c>textarea</c>, <see cref="Multiline"/>), at most <see cref="MaxLength"/> characters.</summary>
public sealed record TextSettings(int MaxLength, bool Multiline) : QuestionSettings;

/// <summary>
/// The text is trimmed with line ends as LF; empty means unanswered. Length counts text elements (what a reader calls
/// characters) and, as a bound on what is stored, UTF-16 code units (at most four per allowed character). Stored as
/// <c>(null, null, text)</c>.
/// </summary>
public sealed class TextQuestionType : IQuestionType
{
    private readonly int _defaultMaxLength;
    private readonly bool _multiline;

    private TextQuestionType(string name, int defaultMaxLength, bool multiline)
    {
        Name = name;
        _defaultMaxLength = defaultMaxLength;
        _multiline = multiline;
    }

    public static TextQuestionType Line { get; } = new("text", 500, multiline: false);

    public static TextQuestionType Area { get; } = new("textarea", 4000, multiline: true);

    public string Name { get; }

    public QuestionSettings ReadSettings(QuestionSettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var max = reader.ReadInteger("max_length");
        if (max is < 1)
        {
            reader.Error("max_length", $"max_length of {reader.What} must be at least 1, not {max}");
        }
        return new TextSettings(max ?? _defaultMaxLength, _multiline);
    }

    public AnswerParseResult ParseAnswer(QuestionDefinition question, IFormInput form)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(form);
        var settings = (TextSettings)question.Settings;
        var field = FieldNames.For(question.Id);
        var posted = form.Values(field);
        if (posted.Count > 1)
        {
            return AnswerReading.Fail(field, MessageKeys.Invalid);
        }
        var text = AnswerReading.NormaliseText(posted.Count == 0 ? null : posted[0]);
        if (!_multiline)
        {
            text = text.Replace('\n', ' ');
        }
        if (text.Length == 0)
        {
            return AnswerReading.Unanswered(question, field);
        }
        if (AnswerReading.HasControlCharacters(text))
        {
            return AnswerReading.Fail(field, MessageKeys.Invalid);
        }
        if (AnswerReading.IsTooLong(text, settings.MaxLength))
        {
            return AnswerReading.Fail(field, MessageKeys.MaxLength, settings.MaxLength);
        }
        return AnswerReading.Valid([new AnswerValue(null, null, text)]);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToFormValues(QuestionDefinition question, IReadOnlyList<AnswerValue> stored)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(stored);
        return AnswerReading.SingleFieldFormValues(question, stored);
    }
}

public static class TextRegistration
{
    public static QuestionTypeRegistryBuilder UseText(this QuestionTypeRegistryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(TextQuestionType.Line);
    }

    public static QuestionTypeRegistryBuilder UseTextarea(this QuestionTypeRegistryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(TextQuestionType.Area);
    }
}
