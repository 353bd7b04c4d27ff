namespace Survey.Statistics;

/// <summary>
/// Small-cell disclosure control, the last step after estimation: a cell whose unweighted count is below
/// <see cref="MinCellCount"/> is suppressed (flag set, count, weighted count, estimate, SE and interval blanked to
/// null/NaN); a group whose base is below <see cref="MinGroupBase"/> is flagged indicative. <see cref="ApplyAll(IReadOnlyList{CellEstimate})"/>
/// and <see cref="SplitCrosstab"/> add complementary suppression (of cells and of bases) so that no hidden figure can be
/// solved from the shown ones (see <see cref="LinkedSuppression"/>).
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
            ? Suppress(estimate with { Indicative = indicative })
            : estimate with { Suppressed = false, Indicative = indicative };
    }

    /// <summary>
    /// Primary and complementary suppression of one-way tables (see <see cref="LinkedSuppression"/>): per question, the
    /// <c>all</c> group and every other group (assumed to be all groups of one split, with public weighted totals, as
    /// weighting margins have); a hidden figure (count, base, weighted count, proportion, mean) cannot be solved from the
    /// shown ones by any combination of the sums "options add up to the base" and "groups add up to all".
    /// </summary>
    public IReadOnlyList<CellEstimate> ApplyAll(IReadOnlyList<CellEstimate> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var result = new CellEstimate[cells.Count];
        foreach (var question in Enumerable.Range(0, cells.Count).GroupBy(i => cells[i].Question, StringComparer.Ordinal))
        {
            var own = question.ToList();
            var groups = own.Select(i => cells[i].Group).Where(g => g != Estimation.AllGroup).Distinct(StringComparer.Ordinal).ToList();
            var domains = own.GroupBy(i => cells[i].Group, StringComparer.Ordinal).Select(g => new DisclosureDomain(
                [.. g.Select(i => own.IndexOf(i))],
                g.Key == Estimation.AllGroup ? [.. Enumerable.Range(0, groups.Count)] : [groups.IndexOf(g.Key)],
                PublicTotal: true)).ToList();
            var disclosed = LinkedSuppression.Apply(this, [.. own.Select(i => cells[i])], domains, [.. Enumerable.Range(0, groups.Count).Select(g => new[] { g })]);
            for (var k = 0; k < own.Count; k++)
            {
                result[own[k]] = disclosed[k];
            }
        }
        return result;
    }

    internal static CellEstimate Suppress(CellEstimate estimate) => estimate with
    {
        Count = null, WeightedCount = double.NaN, Value = double.NaN, StandardError = double.NaN,
        Lower = double.NaN, Upper = double.NaN, Suppressed = true,
    };
}
