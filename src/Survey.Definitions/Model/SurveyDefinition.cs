namespace Survey.Definitions.Model;

/// <summary>Whether respondents can answer a survey.</summary>
public enum SurveyStatus
{
    Open,
    Closed,
}

/// <summary>A survey as loaded from a YAML file and validated. Immutable.</summary>
public sealed record SurveyDefinition(
    string Id,
    int Version,
    IReadOnlyList<LanguageTag> Languages,
    SurveyStatus Status,
    LocalizedText Title,
    LocalizedText Introduction,
    LocalizedText Closing,
    IReadOnlyList<PageDefinition> Pages,
    int MinCell,
    string SourceFile)
{
    public IEnumerable<QuestionDefinition> Questions => Pages.SelectMany(p => p.Questions);

    public QuestionDefinition? FindQuestion(string id) => Questions.FirstOrDefault(q => q.Id == id);

    public PageDefinition? FindPage(string id) => Pages.FirstOrDefault(p => p.Id == id);

    /// <summary>Background variables for weighting: name (e.g. <c>age_band</c>) to the question that measures it.</summary>
    public IReadOnlyDictionary<string, QuestionDefinition> Background =>
        Questions.Where(q => q.Background is not null).ToDictionary(q => q.Background!, StringComparer.Ordinal);
}

/// <summary>One screen of the questionnaire.</summary>
public sealed record PageDefinition(
    string Id,
    LocalizedText? Title,
    Conditions.Condition? ShowIf,
    IReadOnlyList<QuestionDefinition> Questions);

/// <summary>A choice with a stable code.</summary>
public sealed record OptionDefinition(string Code, LocalizedText Text, bool DontKnow = false, bool Other = false);
