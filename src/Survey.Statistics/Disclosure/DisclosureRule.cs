namespace Survey.Statistics;

/// <summary>
/// Small-cell disclosure control, the last step after estimation: a cell whose unweighted count is below
/// <see cref="MinCellCount"/> is suppressed (flag set, count, weighted count, estimate, SE and interval blanked to
/// null/NaN); a group whose base is below <see cref="MinGroupBase"/> is flagged indicative.
/// </summary>
public sealed record DisclosureRule
{
    private readonly int _minCell = 10;
    private readonly int _minGroup = 30;

    /// <summary>Minimum unweighted count for a published cell (default 10, DOMAIN.md common practice).</summary>
    public int MinCellCount
    {
        get => _minCell;
        init => _minCell = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must be >= 0.");
    }

    /// <summary>Minimum group base for a firm (not indicative) figure (default 30).</summary>
    public int MinGroupBase
    {
        get => _minGroup;
        init => _minGroup = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must be >= 0.");
    }

    /// <summary>Applies the rule; a mean's cell count is its base.</summary>
    public CellEstimate Apply(CellEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var indicative = estimate.Base < MinGroupBase;
        return (estimate.Count ?? 0) < MinCellCount
            ? estimate with
            {
                Count = null, WeightedCount = double.NaN, Value = double.NaN, StandardError = double.NaN,
                Lower = double.NaN, Upper = double.NaN, Suppressed = true, Indicative = indicative,
            }
            : estimate with { Suppressed = false, Indicative = indicative };
    }
}
