namespace Survey.Statistics;

/// <summary>
/// Small-cell disclosure control, the last step after estimation: a cell whose unweighted count is below
/// <see cref="MinCellCount"/> is suppressed (flag set, count, weighted count, estimate, SE and interval blanked to
/// null/NaN); a group whose base is below <see cref="MinGroupBase"/> is flagged indicative. <see cref="ApplyAll(IReadOnlyList{CellEstimate})"/> adds
/// complementary suppression so a hidden count cannot be recovered by subtraction.
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
    /// Primary suppression of every cell, then complementary suppression until nothing changes: within one question,
    /// the options of a group add up to the group's base, and a group's counts add up to the <c>all</c> group's. Where such
    /// a set has exactly one suppressed cell, the hidden count would be the total minus the shown ones, so the smallest
    /// other cell of that set is suppressed too. Means (cells without an option) get primary suppression only.
    /// </summary>
    public IReadOnlyList<CellEstimate> ApplyAll(IReadOnlyList<CellEstimate> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var proportions = Enumerable.Range(0, cells.Count).Where(i => cells[i].Option is not null).ToList();
        var sets = proportions.GroupBy(i => (cells[i].Question, Key: "g:" + cells[i].Group))
            .Concat(proportions.GroupBy(i => (cells[i].Question, Key: "o:" + cells[i].Option)))
            .Select(g => (IReadOnlyList<int>)[.. g]);
        return ApplyAll(cells, sets);
    }

    /// <summary>
    /// Primary suppression of every cell, then complementary suppression over the given additive sets (indices into
    /// <paramref name="cells"/>, each a set of counts that add up to a published total, the total's own cell included
    /// when it is one of the cells): until nothing changes, where a set has exactly one suppressed cell, its smallest
    /// other cell is suppressed too.
    /// </summary>
    public IReadOnlyList<CellEstimate> ApplyAll(IReadOnlyList<CellEstimate> cells, IEnumerable<IReadOnlyList<int>> additiveSets)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(additiveSets);
        var result = cells.Select(Apply).ToArray();
        var sets = additiveSets.Where(set => set.Count > 1).ToList();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var set in sets)
            {
                if (set.Count(i => result[i].Suppressed) != 1)
                {
                    continue;
                }
                var smallest = set.Where(i => !result[i].Suppressed).MinBy(i => result[i].Count ?? 0);
                result[smallest] = Suppress(result[smallest]);
                changed = true;
            }
        }
        return result;
    }

    private static CellEstimate Suppress(CellEstimate estimate) => estimate with
    {
        Count = null, WeightedCount = double.NaN, Value = double.NaN, StandardError = double.NaN,
        Lower = double.NaN, Upper = double.NaN, Suppressed = true,
    };
}
