using System.Globalization;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;

namespace Survey.Definitions.QuestionTypes.Rating;

/// <summary>
/// A scale <see cref="Min"/>..<see cref="Max"/> (at most 11 points) with optional end labels, plus extra codes such as
/// don't-know. <see cref="Options"/> lists the scale points (code and text are the number) followed by the extra codes.
/// </summary>
public sealed record RatingSettings(int Min, int Max, LocalizedText? MinLabel, LocalizedText? MaxLabel, IReadOnlyList<OptionDefinition> ExtraOptions)
    : QuestionSettings
{
    public const int MaxPoints = 11;

    public override IReadOnlyList<OptionDefinition> Options { get; } = BuildOptions(Min, Max, ExtraOptions);

    public override bool IsNumeric => true;

    private static List<OptionDefinition> BuildOptions(int min, int max, IReadOnlyList<OptionDefinition> extra)
    {
        var points = max >= min && (long)max - min < MaxPoints
            ? Enumerable.Range(min, max - min + 1).Select(Point)
            : [];
        return [.. points, .. extra];
    }

    private static OptionDefinition Point(int value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return new OptionDefinition(text, new LocalizedText(new Dictionary<string, string> { ["nl"] = text, ["en"] = text }));
    }
}

/// <summary>Radio buttons for the scale points and the extra codes; stored as the chosen code.</summary>
public sealed class RatingQuestionType : IQuestionType
{
    public string Name => "rating";

    public QuestionSettings ReadSettings(QuestionSettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.Require("min");
        reader.Require("max");
        var min = reader.ReadInteger("min");
        var max = reader.ReadInteger("max");
        if (min is { } lo && max is { } hi)
        {
            if (lo >= hi)
            {
                reader.Error("min", $"min of {reader.What} ({lo}) must be less than max ({hi})");
            }
            else if ((long)hi - lo + 1 > RatingSettings.MaxPoints)
            {
                reader.Error("max", $"the scale of {reader.What} ({lo} to {hi}) has {(long)hi - lo + 1} points; at most {RatingSettings.MaxPoints} are allowed");
            }
        }
        var minLabel = reader.ReadText("min_label");
        var maxLabel = reader.ReadText("max_label");
        var extra = reader.ReadOptions("options", allowOther: false);
        var settings = new RatingSettings(min ?? 0, max ?? 0, minLabel, maxLabel, extra);
        foreach (var code in extra.Select(o => o.Code).Where(c => settings.Options.Count(o => o.Code == c) > 1).Distinct())
        {
            reader.Error("options", $"option code '{code}' of {reader.What} is also a point of the scale");
        }
        return settings;
    }

    public AnswerParseResult ParseAnswer(QuestionDefinition question, IFormInput form)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(form);
        return AnswerReading.Choices(question, form, question.Settings.Options, multiple: false, maxChoices: null);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToFormValues(QuestionDefinition question, IReadOnlyList<AnswerValue> stored)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(stored);
        return AnswerReading.ChoiceFormValues(question, stored);
    }
}

public static class RatingRegistration
{
    public static QuestionTypeRegistryBuilder UseRating(this QuestionTypeRegistryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new RatingQuestionType());
    }
}
