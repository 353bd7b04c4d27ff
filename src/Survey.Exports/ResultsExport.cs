using Survey.Definitions.Model;
using Survey.Statistics;

namespace Survey.Exports;

/// <summary>
/// Everything a results download shows, independent of where it was stored: the survey, one weighting run, its
/// crosstab by <see cref="GroupVariable"/>, and the settings it was computed with.
/// </summary>
public sealed record ResultsExport
{
    /// <param name="survey">The survey definition (titles, question and option texts).</param>
    /// <param name="report">The weighting run's report.</param>
    /// <param name="crosstab">Cells after disclosure control, and the Rao–Scott tests.</param>
    /// <param name="groupVariable">The variable the crosstab's groups come from (e.g. <c>district</c>).</param>
    /// <param name="computedAt">When the weights and estimates were computed.</param>
    /// <param name="responseCount">Completed responses the run used (n).</param>
    /// <param name="options">Interval and disclosure settings the crosstab was run with.</param>
    /// <param name="margins">The raking variables, in order.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="responseCount"/> is negative.</exception>
    public ResultsExport(
        SurveyDefinition survey, WeightingReport report, CrosstabResult crosstab, string groupVariable,
        DateTimeOffset computedAt, int responseCount, CrosstabOptions options, IReadOnlyList<string> margins)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(crosstab);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupVariable);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(margins);
        ArgumentOutOfRangeException.ThrowIfNegative(responseCount);
        Survey = survey;
        Report = report;
        Crosstab = crosstab;
        GroupVariable = groupVariable;
        ComputedAt = computedAt;
        ResponseCount = responseCount;
        Options = options;
        Margins = [.. margins];
        Codebook = Codebook.For(survey);
    }

    public SurveyDefinition Survey { get; }

    public WeightingReport Report { get; }

    public CrosstabResult Crosstab { get; }

    public string GroupVariable { get; }

    public DateTimeOffset ComputedAt { get; }

    public int ResponseCount { get; }

    public CrosstabOptions Options { get; }

    public IReadOnlyList<string> Margins { get; }

    /// <summary>The survey's codebook, used for question and option texts.</summary>
    public Codebook Codebook { get; }

    /// <summary>
    /// Labels of <see cref="GroupVariable"/> and its groups. Without it, labels come from the codebook (the question whose
    /// id is the group variable), which does not know derived groupings such as nationality groups.
    /// </summary>
    public SplitLabels? Split { get; init; }

    /// <summary>The second split (for example district), when the cells are also broken down within its groups.</summary>
    public SplitLabels? SecondSplit { get; init; }

    /// <summary>
    /// The group of <see cref="SecondSplit"/> of each cell of <see cref="Crosstab"/> (same order and length); null for a
    /// cell over everyone. Null when there is no second split.
    /// </summary>
    /// <exception cref="ArgumentException">The list's length differs from the number of cells.</exception>
    public IReadOnlyList<string?>? SecondGroups
    {
        get;
        init
        {
            if (value is not null && value.Count != Crosstab.Cells.Count)
            {
                throw new ArgumentException(
                    $"SecondGroups has {value.Count} entries but the crosstab has {Crosstab.Cells.Count} cells; it needs one (or null) per cell.",
                    nameof(value));
            }
            field = value is null ? null : [.. value];
        }
    }

    /// <summary>
    /// True when the cells are also broken down by a second split. Labels may be missing (<see cref="SecondSplit"/> null,
    /// for example when the survey no longer has the variable); the writers then show the codes.
    /// </summary>
    internal bool HasSecondSplit => SecondSplit is not null || SecondGroups is not null;

    /// <summary>
    /// The cells as every writer must print them. This is the only way the writers read cells, so a cell is blanked
    /// here even if disclosure control was skipped or a caller built a suppressed cell with its numbers left in.
    /// </summary>
    internal IEnumerable<PublishedCell> PublishedCells() =>
        Crosstab.Cells.Select((c, i) => PublishedCell.From(c, SecondGroups?[i], Options.Disclosure));

    /// <summary>The crosstab's questions (variables) in order of first appearance.</summary>
    internal IReadOnlyList<string> Questions() => [.. Crosstab.Cells.Select(c => c.Question).Distinct(StringComparer.Ordinal)];

    internal string QuestionText(string variable, LanguageTag language) => Codebook.Find(variable)?.Label[language] ?? variable;

    internal string OptionText(string variable, string? code, LanguageTag language) =>
        code is null ? ExportText.Mean(language) : Codebook.Find(variable)?.FindCode(code)?.Label[language] ?? code;

    internal string GroupText(string group, LanguageTag language) =>
        group == Estimation.AllGroup ? ExportText.Total(language)
            : Split?.Groups.GetValueOrDefault(group)?[language] ?? OptionText(GroupVariable, group, language);

    /// <summary>The label of a group of <see cref="SecondSplit"/>, or its code when unlabelled; empty for null (everyone).</summary>
    internal string SecondGroupText(string? code, LanguageTag language) =>
        code is null ? string.Empty : SecondSplit?.Groups.GetValueOrDefault(code)?[language] ?? code;

    /// <summary>What the cells are broken down by: the split's label, or the question text of <see cref="GroupVariable"/>.</summary>
    internal string SplitText(LanguageTag language) => Split?.Label[language] ?? QuestionText(GroupVariable, language);

    /// <summary>The second split's label, or a generic text when it has no labels.</summary>
    internal string SecondSplitText(LanguageTag language) =>
        SecondSplit?.Label[language] ?? ExportText.Pick(language, "tweede uitsplitsing", "second split");

    /// <summary>
    /// <see cref="SplitText"/>, and with a second split "… binnen …" / "… within …" its label, as the downloads head
    /// their tables.
    /// </summary>
    internal string BreakdownText(LanguageTag language) =>
        HasSecondSplit
            ? $"{SplitText(language)} {ExportText.Pick(language, "binnen", "within")} {SecondSplitText(language)}"
            : SplitText(language);
}

/// <summary>A split variable's name and label, and the labels of its groups by code.</summary>
public sealed record SplitLabels(string Name, LocalizedText Label, IReadOnlyDictionary<string, LocalizedText> Groups);

/// <summary>Weighted microdata: one row per response.</summary>
public sealed record Microdata(IReadOnlyList<MicrodataRow> Rows);

/// <summary>One response's answers as codebook variables, and its weight.</summary>
public sealed record MicrodataRow
{
    /// <param name="responseId">The response's random id.</param>
    /// <param name="values">Codebook variable to value (code, number, date or text); absent or null is missing.</param>
    /// <param name="weight">The calibrated weight, or null when the response was left out of weighting.</param>
    /// <exception cref="ArgumentOutOfRangeException">The weight is not finite and positive.</exception>
    public MicrodataRow(Guid responseId, IReadOnlyDictionary<string, string?> values, double? weight)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (weight is { } w && !(double.IsFinite(w) && w > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A weight is finite and positive, or null.");
        }
        ResponseId = responseId;
        Values = values;
        Weight = weight;
    }

    public Guid ResponseId { get; }

    public IReadOnlyDictionary<string, string?> Values { get; }

    public double? Weight { get; }
}
