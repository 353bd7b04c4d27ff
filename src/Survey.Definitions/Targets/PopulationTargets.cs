namespace Survey.Definitions.Targets;

/// <summary>A margin computed from another background answer through the nationality mapping, such as
/// <c>nationality_group</c> from <c>nationality</c> with grouping <c>coarse</c>.</summary>
public sealed record DerivedFrom(string From, string Grouping);

/// <summary>
/// The population distribution of one background variable. <see cref="Shares"/> are always proportions summing to
/// exactly 1 (counts in the file, and shares within the ±0.001 tolerance, are rescaled); <see cref="Totals"/> are the
/// shares times the population total. Categories keep the order of the file.
/// </summary>
public sealed record TargetMargin(
    string Variable,
    IReadOnlyDictionary<string, double> Shares,
    IReadOnlyDictionary<string, double> Totals,
    DerivedFrom? DerivedFrom);

/// <summary>
/// Settings of the weighting run (<c>weighting:</c>): null means the engine's default. Trimming bounds are relative to the
/// mean weight; without them weights are not trimmed.
/// </summary>
public sealed record WeightingSettings(double? Tolerance, int? MaxIterations, double? TrimLower, double? TrimUpper)
{
    public static WeightingSettings Default { get; } = new(null, null, null, null);

    public bool Trims => TrimLower is not null || TrimUpper is not null;
}

/// <summary>
/// How results are split (<c>results:</c>): <see cref="By"/> lists the breakdowns a researcher can choose (the first is
/// shown first), <see cref="ThenBy"/> the optional second splits (each combined with each of <see cref="By"/>). Empty
/// <see cref="By"/> means the platform's default breakdown. <see cref="KornGraubard"/>: intervals for proportions by
/// Korn–Graubard (R <c>svyciprop(method = "beta")</c>) instead of the logit method.
/// </summary>
public sealed record ResultsSettings(IReadOnlyList<string> By, IReadOnlyList<string> ThenBy, bool KornGraubard = false)
{
    public static ResultsSettings Default { get; } = new([], []);
}

/// <summary>A survey's population targets, as loaded from <c>&lt;id&gt;.targets.yaml</c> and validated. Immutable.</summary>
public sealed record PopulationTargets(string SurveyId, double Total, IReadOnlyList<TargetMargin> Margins, string SourceFile)
{
    /// <summary>Variables derived for breakdowns only (<c>derived:</c>), by name; margins may be derived too (<see cref="TargetMargin.DerivedFrom"/>).</summary>
    public IReadOnlyDictionary<string, DerivedFrom> Derived { get; init; } = new Dictionary<string, DerivedFrom>(StringComparer.Ordinal);

    public WeightingSettings Weighting { get; init; } = WeightingSettings.Default;

    public ResultsSettings Results { get; init; } = ResultsSettings.Default;

    public TargetMargin? FindMargin(string variable) => Margins.FirstOrDefault(m => m.Variable == variable);

    /// <summary>How <paramref name="variable"/> is derived: from a derived margin or a <c>derived:</c> entry; null when it is asked.</summary>
    public DerivedFrom? DerivationOf(string variable) =>
        FindMargin(variable)?.DerivedFrom ?? Derived.GetValueOrDefault(variable);
}

/// <summary>The outcome of loading one targets file: the targets when valid, and every problem found.</summary>
public sealed record TargetsLoadResult(PopulationTargets? Targets, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Targets is not null && Diagnostics.Count == 0;
}
