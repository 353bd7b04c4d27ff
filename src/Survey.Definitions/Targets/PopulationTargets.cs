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

/// <summary>A survey's population targets, as loaded from <c>&lt;id&gt;.targets.yaml</c> and validated. Immutable.</summary>
public sealed record PopulationTargets(string SurveyId, double Total, IReadOnlyList<TargetMargin> Margins, string SourceFile)
{
    public TargetMargin? FindMargin(string variable) => Margins.FirstOrDefault(m => m.Variable == variable);
}

/// <summary>The outcome of loading one targets file: the targets when valid, and every problem found.</summary>
public sealed record TargetsLoadResult(PopulationTargets? Targets, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Targets is not null && Diagnostics.Count == 0;
}
