using Survey.Definitions.Answers;
using Survey.Definitions.Model;

namespace Survey.Definitions.QuestionTypes.Choice;

/// <summary>Settings of <c>single</c>, <c>multiple</c> and <c>dropdown</c>: the options, and for multiple an upper limit.</summary>
public sealed record ChoiceSettings(IReadOnlyList<OptionDefinition> Options, int? MaxChoices, bool Randomize) : QuestionSettings
{
    public override IReadOnlyList<OptionDefinition> Options { get; } = Options;
}

/// <summary>
/// Radio buttons (<c>single</c>), check boxes (<c>multiple</c>) or a select (<c>dropdown</c>). A posted code that is not an
/// option is tampering (<c>invalid</c>); duplicates are ignored; an other option needs its "namely" text.
/// </summary>
public sealed class ChoiceQuestionType : IQuestionType
{
    private readonly bool _multiple;
    private readonly bool _dropdown;

    private ChoiceQuestionType(string name, bool multiple, bool dropdown)
    {
        Name = name;
        _multiple = multiple;
        _dropdown = dropdown;
    }

    public static ChoiceQuestionType SingleChoice { get; } = new("single", multiple: false, dropdown: false);

    public static ChoiceQuestionType MultipleChoice { get; } = new("multiple", multiple: true, dropdown: false);

    public static ChoiceQuestionType DropdownChoice { get; } = new("dropdown", multiple: false, dropdown: true);

    public string Name { get; }

    public QuestionSettings ReadSettings(QuestionSettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.Require("options");
        var options = reader.ReadOptions("options");
        int? maxChoices = null;
        if (_multiple && reader.ReadInteger("max_choices") is { } max)
        {
            if (options.Count > 0 && (max < 1 || max > options.Count))
            {
                reader.Error("max_choices", $"max_choices of {reader.What} must be between 1 and {options.Count} (the number of options), not {max}");
            }
            maxChoices = max;
        }
        var randomize = !_dropdown && reader.ReadBoolean("randomize", false);
        return new ChoiceSettings(options, maxChoices, randomize);
    }

    public AnswerParseResult ParseAnswer(QuestionDefinition question, IFormInput form)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(form);
        var settings = (ChoiceSettings)question.Settings;
        return AnswerReading.Choices(question, form, settings.Options, _multiple, _multiple ? settings.MaxChoices : null);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToFormValues(QuestionDefinition question, IReadOnlyList<AnswerValue> stored)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(stored);
        return AnswerReading.ChoiceFormValues(question, stored);
    }
}

public static class ChoiceRegistration
{
    public static QuestionTypeRegistryBuilder UseSingle(this QuestionTypeRegistryBuilder builder) => Use(builder, ChoiceQuestionType.SingleChoice);

    public static QuestionTypeRegistryBuilder UseMultiple(this QuestionTypeRegistryBuilder builder) => Use(builder, ChoiceQuestionType.MultipleChoice);

    public static QuestionTypeRegistryBuilder UseDropdown(this QuestionTypeRegistryBuilder builder) => Use(builder, ChoiceQuestionType.DropdownChoice);

    private static QuestionTypeRegistryBuilder Use(QuestionTypeRegistryBuilder builder, IQuestionType type)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(type);
    }
}
