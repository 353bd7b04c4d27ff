namespace Survey.Statistics;

/// <summary>
/// One pass over the weighted respondents that sums, per (group, option) cell, everything the estimates and their
/// variances need. Group index G (one past the last category) collects respondents whose group is missing; they count
/// only in <c>all</c>.
/// </summary>
internal sealed class CellTable
{
    private readonly CellSums[] _slots;
    private readonly int _options;

    private CellTable(string[] groups, int options, CellSums[] slots)
    {
        Groups = groups;
        _options = options;
        _slots = slots;
    }

    public string[] Groups { get; }

    public CellSums Slot(int group, int option) => _slots[(group * _options) + option];

    public static CellTable Categorical(WeightedDesign design, CategoricalVariable question, CategoricalVariable? by)
    {
        var codes = Check(design, question).RawCodes;
        var (groups, groupCodes) = GroupsOf(design, by);
        var k = question.Categories.Count;
        var slots = NewSlots(design, groups.Length, k, numeric: false);
        var frame = design.Frame;
        var v = frame.VariableCount;
        var levels = frame.Levels;
        var weights = design.IncludedWeights;
        var bases = design.IncludedBase;
        for (var r = 0; r < frame.Rows.Length; r++)
        {
            var row = frame.Rows[r];
            var answer = codes[row];
            if (answer < 0)
            {
                continue;
            }
            var g = groupCodes is null ? 0 : groupCodes[row];
            var cell = slots[((g < 0 ? groups.Length : g) * k) + answer];
            double w = weights[r], b = bases[r], w2 = w * w;
            cell.Count++;
            cell.W += w;
            cell.W2 += w2;
            var bArray = cell.B;
            var qArray = cell.Q;
            for (var j = 0; j < v; j++)
            {
                var level = levels[(r * v) + j];
                bArray[level] += b;
                qArray[level] += w2;
            }
        }
        return new CellTable(groups, k, slots);
    }

    public static CellTable Numeric(WeightedDesign design, NumericVariable question, CategoricalVariable? by)
    {
        var values = Check(design, question).RawValues;
        var (groups, groupCodes) = GroupsOf(design, by);
        var slots = NewSlots(design, groups.Length, 1, numeric: true);
        var frame = design.Frame;
        var v = frame.VariableCount;
        for (var r = 0; r < frame.Rows.Length; r++)
        {
            var row = frame.Rows[r];
            var y = values[row];
            if (double.IsNaN(y))
            {
                continue;
            }
            var g = groupCodes is null ? 0 : groupCodes[row];
            var cell = slots[g < 0 ? groups.Length : g];
            double w = design.IncludedWeights[r], b = design.IncludedBase[r], w2 = w * w;
            cell.Count++;
            cell.W += w;
            cell.W2 += w2;
            cell.Wy += w * y;
            cell.W2y += w2 * y;
            cell.W2yy += w2 * y * y;
            for (var j = 0; j < v; j++)
            {
                var level = frame.Levels[(r * v) + j];
                cell.B[level] += b;
                cell.Q[level] += w2;
                cell.By![level] += b * y;
                cell.Qy![level] += w2 * y;
            }
        }
        return new CellTable(groups, 1, slots);
    }

    /// <summary>The domains <c>all</c> and then each group, each as its option cells.</summary>
    public IEnumerable<(string Group, CellSums[] Cells)> Domains()
    {
        var levels = _slots[0].B.Length;
        var numeric = _slots[0].By is not null;
        var all = new CellSums[_options];
        for (var o = 0; o < _options; o++)
        {
            all[o] = CellSums.Merge(Enumerable.Range(0, Groups.Length + 1).Select(g => Slot(g, o)), levels, numeric);
        }
        yield return (Estimation.AllGroup, all);
        if (Groups.Length == 1 && Groups[0].Length == 0)
        {
            yield break;
        }
        for (var g = 0; g < Groups.Length; g++)
        {
            yield return (Groups[g], [.. Enumerable.Range(0, _options).Select(o => Slot(g, o))]);
        }
    }

    private static T Check<T>(WeightedDesign design, T variable)
        where T : SurveyVariable =>
        variable.Count == design.Count ? variable
            : throw new ArgumentException($"Variable '{variable.Name}' has {variable.Count} rows, the design {design.Count}.", nameof(variable));

    private static (string[] Groups, int[]? Codes) GroupsOf(WeightedDesign design, CategoricalVariable? by) =>
        by is null ? ([string.Empty], null) : ([.. Check(design, by).Categories], by.RawCodes);

    private static CellSums[] NewSlots(WeightedDesign design, int groups, int options, bool numeric)
    {
        var slots = new CellSums[(groups + 1) * options];
        for (var s = 0; s < slots.Length; s++)
        {
            slots[s] = new CellSums(design.Frame.LevelCount, numeric);
        }
        return slots;
    }
}
