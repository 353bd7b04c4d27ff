using Survey.Statistics;

namespace Survey.Exports;

/// <summary>
/// A crosstab cell as it may be published: every number is null when the cell is suppressed or not computable, and
/// no published count (cell count or base) is below the minimum cell size. <see cref="Group2"/> is the cell's group of
/// the second split, or null for a cell over everyone (and when there is no second split).
/// </summary>
internal sealed record PublishedCell(
    string Question, string? Option, string Group, string? Group2, int? Base, int? Count, double? WeightedCount,
    double? Estimate, double? StandardError, double? Lower, double? Upper, bool Suppressed, bool Indicative)
{
    public static PublishedCell From(CellEstimate cell, string? group2, DisclosureRule rule)
    {
        // Trust the flag, but also re-check the count: a cell that skipped disclosure control is still suppressed.
        var suppressed = cell.Suppressed || cell.Count is null || cell.Count < rule.MinCellCount;
        var indicative = cell.Indicative || cell.Base < rule.MinGroupBase;
        // A base below the minimum is itself a small count (for a mean it equals the cell count), so it is blanked too, as is
        // a base that disclosure control hid so a hidden figure cannot be computed from it.
        int? baseCount = cell.Base >= rule.MinCellCount && !cell.BaseSuppressed ? cell.Base : null;
        if (suppressed)
        {
            return new PublishedCell(cell.Question, cell.Option, cell.Group, group2, baseCount, null, null, null, null, null, null, true, indicative);
        }
        return new PublishedCell(
            cell.Question, cell.Option, cell.Group, group2, baseCount, cell.Count, Finite(cell.WeightedCount),
            Finite(cell.Value), Finite(cell.StandardError), Finite(cell.Lower), Finite(cell.Upper), false, indicative);
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
