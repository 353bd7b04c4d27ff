using Survey.Definitions.Conditions;

namespace Survey.Definitions.Model;

/// <summary>
/// One question. <see cref="Type"/> names the question type (<c>single</c>, <c>multiple</c>, …) whose
/// type-specific settings are in <see cref="Settings"/>.
/// </summary>
public sealed record QuestionDefinition(
    string Id,
    string Type,
    LocalizedText Text,
    LocalizedText? Help,
    bool Required,
    Condition? ShowIf,
    string? Background,
    IReadOnlyDictionary<string, LocalizedText> Messages,
    QuestionSettings Settings);

/// <summary>Type-specific settings of a question. Each question type has its own subclass.</summary>
public abstract record QuestionSettings
{
    /// <summary>The options a respondent can choose (for scales: the scale points followed by extra codes); empty for open questions.</summary>
    public virtual IReadOnlyList<OptionDefinition> Options => [];

    /// <summary>True when answers are numbers that conditions may compare (<c>less_than</c> …): number, rating, year.</summary>
    public virtual bool IsNumeric => false;
}
