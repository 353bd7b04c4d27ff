using Survey.Definitions.Model;
using Survey.Definitions.Nationality;
using Survey.Definitions.Targets;
using Survey.Statistics;

namespace Survey.Web.Results;

/// <summary>A group of a <see cref="SplitVariable"/>: its code and label.</summary>
public sealed record SplitGroup(string Code, LocalizedText Label);

/// <summary>
/// A variable results are weighted on or split by: the answer to a background question, or the group of that answer in a
/// nationality grouping (<c>derive: { from: nationality, grouping: fine }</c>). A don't-know answer, no answer, and a
/// nationality that belongs to no group are missing.
/// </summary>
public sealed class SplitVariable
{
    private readonly HashSet<string> _dontKnow;

    private SplitVariable(string name, LocalizedText label, IReadOnlyList<SplitGroup> groups, QuestionDefinition question, NationalityGrouping? grouping)
    {
        Name = name;
        Label = label;
        Groups = groups;
        Question = question;
        Grouping = grouping;
        _dontKnow = question.Settings.Options.Where(o => o.DontKnow).Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
    }

    public string Name { get; }

    /// <summary>The question's text, or the grouping's label for a derived variable.</summary>
    public LocalizedText Label { get; }

    /// <summary>The groups in display order: the question's options (without don't-know) or the grouping's groups.</summary>
    public IReadOnlyList<SplitGroup> Groups { get; }

    /// <summary>The background question the value comes from.</summary>
    public QuestionDefinition Question { get; }

    /// <summary>The grouping a derived variable maps answers through; null when the answer itself is the value.</summary>
    public NationalityGrouping? Grouping { get; }

    /// <summary>
    /// The variable <paramref name="name"/> of the survey: derived when the targets derive it (a derived margin or a
    /// <c>derived:</c> entry), otherwise the background question of that name.
    /// </summary>
    /// <exception cref="ResultsUnavailableException">There is no such variable, or its grouping is not in the nationality mapping.</exception>
    public static SplitVariable Resolve(SurveyDefinition survey, PopulationTargets? targets, NationalityGroups? groups, string name)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (targets?.DerivationOf(name) is { } derive)
        {
            var from = survey.Questions.FirstOrDefault(q => q.Background == derive.From)
                ?? throw new ResultsUnavailableException(RunErrors.Of("derived_from_missing", name, derive.From, survey.Id));
            if (groups is null || !groups.Groupings.TryGetValue(derive.Grouping, out var grouping))
            {
                throw new ResultsUnavailableException(RunErrors.Of("grouping_missing", name, derive.Grouping, $"surveys/{NationalityGroups.RelativePath.Replace('\\', '/')}"));
            }
            return new SplitVariable(name, grouping.Label, [.. grouping.Groups.Select(g => new SplitGroup(g.Code, g.Label))], from, grouping);
        }
        var question = survey.Questions.FirstOrDefault(q => q.Background == name)
            ?? throw new ResultsUnavailableException(RunErrors.Of("no_background", survey.Id, name));
        return new SplitVariable(name, question.Text, [.. question.Settings.Options.Where(o => !o.DontKnow).Select(o => new SplitGroup(o.Code, o.Text))], question, null);
    }

    /// <summary>The value of one response: a group code, or null when missing.</summary>
    public string? Value(IReadOnlyDictionary<string, List<StoredAnswer>> response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var code = response.TryGetValue(Question.Id, out var answers) ? answers.FirstOrDefault(a => a.Code is not null)?.Code : null;
        if (code is null || _dontKnow.Contains(code))
        {
            return null;
        }
        return Grouping is null ? code : Grouping.Map(code);
    }

    /// <summary>
    /// The variable over <paramref name="categories"/> (a margin's categories; by default the groups).
    /// </summary>
    /// <exception cref="ResultsUnavailableException">An answer is not one of the categories.</exception>
    public CategoricalVariable ToVariable(IReadOnlyList<IReadOnlyDictionary<string, List<StoredAnswer>>> responses, IReadOnlyList<string>? categories = null)
    {
        ArgumentNullException.ThrowIfNull(responses);
        categories ??= [.. Groups.Select(g => g.Code)];
        var values = responses.Select(Value).ToList();
        var unknown = values.Where(v => v is not null && !categories.Contains(v, StringComparer.Ordinal)).GroupBy(v => v!, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var list = string.Join(", ", unknown.Select(g => $"'{g.Key}' ({g.Count()}x)"));
            throw new ResultsUnavailableException(RunErrors.Of("answers_not_categories", Name, list));
        }
        return CategoricalVariable.FromValues(Name, values, categories);
    }

    /// <summary>The label of a group code (the code itself when unknown, e.g. from an older version).</summary>
    public string GroupLabel(string code, LanguageTag language) =>
        Groups.FirstOrDefault(g => g.Code == code)?.Label[language] ?? code;
}
