using Survey.Definitions.Answers;
using Survey.Definitions.Model;

namespace Survey.Definitions.QuestionTypes.Matrix;

/// <summary>Several items (rows) answered on one scale of options (columns). Items are options without flags.</summary>
public sealed record MatrixSettings(IReadOnlyList<OptionDefinition> Items, IReadOnlyList<OptionDefinition> Options) : QuestionSettings
{
    public override IReadOnlyList<OptionDefinition> Options { get; } = Options;
}

/// <summary>
/// One field per item (<see cref="FieldNames.ForItem"/>), stored as <c>(item, code, null)</c>. Required means every item;
/// the error then points at the first item left open.
/// </summary>
public sealed class MatrixQuestionType : IQuestionType
{
    public string Name => "matrix";

    public QuestionSettings ReadSettings(QuestionSettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.Require("items");
        reader.Require("options");
        var items = reader.ReadItems("items");
        var options = reader.ReadOptions("options", allowOther: false);
        return new MatrixSettings(items, options);
    }

    public AnswerParseResult ParseAnswer(QuestionDefinition question, IFormInput form)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(form);
        var settings = (MatrixSettings)question.Settings;
        var values = new List<AnswerValue>();
        string? firstMissing = null;
        foreach (var item in settings.Items)
        {
            var field = FieldNames.ForItem(question.Id, item.Code);
            var posted = AnswerReading.Posted(form, field).Distinct(StringComparer.Ordinal).ToList();
            if (posted.Count == 0)
            {
                firstMissing ??= field;
                continue;
            }
            if (posted.Count > 1 || !settings.Options.Any(o => o.Code == posted[0]))
            {
                return AnswerReading.Fail(field, MessageKeys.Invalid);
            }
            values.Add(new AnswerValue(item.Code, posted[0], null));
        }
        if (question.Required && firstMissing is not null)
        {
            return AnswerReading.Fail(firstMissing, MessageKeys.Required);
        }
        return AnswerReading.Valid(values);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToFormValues(QuestionDefinition question, IReadOnlyList<AnswerValue> stored)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Where(v => v.Item is not null && v.Code is not null)
            .GroupBy(v => FieldNames.ForItem(question.Id, v.Item!), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(v => v.Code!)], StringComparer.Ordinal);
    }
}

public static class MatrixRegistration
{
    public static QuestionTypeRegistryBuilder UseMatrix(this QuestionTypeRegistryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new MatrixQuestionType());
    }
}
