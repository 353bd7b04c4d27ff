namespace Survey.Statistics;

/// <summary>Options for <see cref="Crosstab.Run"/>.</summary>
public sealed record CrosstabOptions
{
    /// <summary>Interval settings.</summary>
    public EstimationOptions Estimation { get; init; } = new();

    /// <summary>Disclosure control applied to every cell.</summary>
    public DisclosureRule Disclosure { get; init; } = new();
}

/// <summary>All cells of a crosstab and one Rao-Scott test per categorical question.</summary>
public sealed record CrosstabResult(IReadOnlyList<CellEstimate> Cells, IReadOnlyList<RaoScottResult> Tests);

/// <summary>
/// Estimate, then suppress (primary and complementary, see <see cref="LinkedSuppression"/>): for every question the estimates overall and per group of <c>by</c>
/// (proportions for a <see cref="CategoricalVariable"/>, means for a <see cref="NumericVariable"/>), the Rao-Scott
/// test for categorical questions, and disclosure control. Questions run in parallel; output order is
/// question, then group (<c>all</c> first), then option.
/// </summary>
public static class Crosstab
{
    /// <summary>Runs the crosstab.</summary>
    public static CrosstabResult Run(WeightedDesign design, IReadOnlyList<SurveyVariable> questions, CategoricalVariable by, CrosstabOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(by);
        var result = SplitCrosstab.Run(design, questions, [by], [], options);
        return new CrosstabResult([.. result.Cells.Select(c => c.Estimate)], [.. result.Tests.Select(t => t.Test)]);
    }
}
