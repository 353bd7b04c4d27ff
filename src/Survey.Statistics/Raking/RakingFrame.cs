namespace Survey.Statistics;

/// <summary>
/// The respondents that take part in raking, as arrays of level indices: respondent r has level
/// <c>Levels[r * V + j]</c> (an index into all levels of all margins), and belongs to raking cell <c>CellOf[r]</c>
/// (one cell per distinct combination of levels). Raking works on cells, so its cost does not grow with n.
/// </summary>
internal sealed class RakingFrame
{
    private RakingFrame(string[] names, string[][] categories, double[] targets, int[] levelOffset, int[] rows, int[] levels, int excluded)
    {
        Names = names;
        Categories = categories;
        Targets = targets;
        LevelOffset = levelOffset;
        Rows = rows;
        Levels = levels;
        ExcludedCount = excluded;
        (CellOf, CellLevels, CellCount) = BuildCells();
    }

    public string[] Names { get; }

    public string[][] Categories { get; }

    /// <summary>Population total per level (level space: all categories of all margins, margin by margin).</summary>
    public double[] Targets { get; }

    /// <summary>First level index of each margin; the last entry is the number of levels L.</summary>
    public int[] LevelOffset { get; }

    public int VariableCount => Names.Length;

    public int LevelCount => LevelOffset[^1];

    /// <summary>Original row of each included respondent.</summary>
    public int[] Rows { get; }

    public int[] Levels { get; }

    public int ExcludedCount { get; }

    public int[] CellOf { get; }

    public int[] CellLevels { get; }

    public int CellCount { get; }

    public (string Variable, string Category) Describe(int level)
    {
        var j = 0;
        while (LevelOffset[j + 1] <= level)
        {
            j++;
        }
        return (Names[j], Categories[j][level - LevelOffset[j]]);
    }

    public static RakingFrame Build(SampleDesign design, IReadOnlyList<PopulationMargin> margins)
    {
        var v = margins.Count;
        var names = new string[v];
        var categories = new string[v][];
        var offsets = new int[v + 1];
        var targets = new List<double>();
        var maps = new int[v][];
        var codes = new int[v][];
        for (var j = 0; j < v; j++)
        {
            var margin = margins[j];
            var variable = design.Variable(margin.Variable);
            names[j] = margin.Variable;
            categories[j] = [.. margin.Totals.Keys];
            offsets[j + 1] = offsets[j] + categories[j].Length;
            targets.AddRange(margin.Totals.Values);
            var position = categories[j].Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k, StringComparer.Ordinal);
            maps[j] = [.. variable.Categories.Select(c => position.TryGetValue(c, out var k) ? k : -1)];
            codes[j] = variable.RawCodes;
        }
        var n = design.Count;
        var included = new List<int>(n);
        var levels = new List<int>(n * v);
        for (var i = 0; i < n; i++)
        {
            var complete = true;
            for (var j = 0; j < v && complete; j++)
            {
                complete = codes[j][i] >= 0;
            }
            if (!complete)
            {
                continue;
            }
            included.Add(i);
            for (var j = 0; j < v; j++)
            {
                var k = maps[j][codes[j][i]];
                if (k < 0)
                {
                    var unknown = design.Variable(names[j]).Categories[codes[j][i]];
                    var count = Enumerable.Range(0, n).Count(r => codes[j][r] >= 0 && maps[j][codes[j][r]] < 0 && design.Variable(names[j]).Categories[codes[j][r]] == unknown);
                    throw new UnknownMarginCategoryException(names[j], unknown, count);
                }
                levels.Add(offsets[j] + k);
            }
        }
        var frame = new RakingFrame(names, categories, [.. targets], offsets, [.. included], [.. levels], n - included.Count);
        frame.CheckTargets(margins);
        return frame;
    }

    private void CheckTargets(IReadOnlyList<PopulationMargin> margins)
    {
        var total = margins[0].Total;
        foreach (var m in margins)
        {
            if (Math.Abs(m.Total - total) > 1e-6 * total)
            {
                throw new ArgumentException($"Margin '{m.Variable}' sums to {m.Total}, but '{margins[0].Variable}' sums to {total}; all margins must describe the same population.", nameof(margins));
            }
        }
        var counts = new int[LevelCount];
        foreach (var level in Levels)
        {
            counts[level]++;
        }
        for (var level = 0; level < LevelCount; level++)
        {
            var (variable, category) = Describe(level);
            if (counts[level] == 0 && Targets[level] > 0)
            {
                throw new EmptyMarginCategoryException(variable, category);
            }
            if (counts[level] > 0 && Targets[level] == 0)
            {
                throw new ArgumentException($"Margin '{variable}': category '{category}' has population total 0 but {counts[level]} respondent(s).", nameof(margins));
            }
        }
    }

    private (int[] CellOf, int[] CellLevels, int CellCount) BuildCells()
    {
        var v = VariableCount;
        var m = Rows.Length;
        var cellOf = new int[m];
        var cellLevels = new List<int>();
        var dictionary = new Dictionary<long, int>();
        long span = 1;
        var direct = true;
        for (var j = 0; j < v; j++)
        {
            span *= LevelOffset[j + 1] - LevelOffset[j];
            if (span > 1 << 22)
            {
                direct = false;
                break;
            }
        }
        var table = direct ? new int[span] : [];
        Array.Fill(table, -1);
        var count = 0;
        for (var r = 0; r < m; r++)
        {
            long key = 0;
            for (var j = 0; j < v; j++)
            {
                key = (key * (LevelOffset[j + 1] - LevelOffset[j])) + Levels[(r * v) + j] - LevelOffset[j];
            }
            int cell;
            if (direct)
            {
                cell = table[key];
                if (cell < 0)
                {
                    cell = table[key] = count++;
                    for (var j = 0; j < v; j++)
                    {
                        cellLevels.Add(Levels[(r * v) + j]);
                    }
                }
            }
            else if (!dictionary.TryGetValue(key, out cell))
            {
                cell = dictionary[key] = count++;
                for (var j = 0; j < v; j++)
                {
                    cellLevels.Add(Levels[(r * v) + j]);
                }
            }
            cellOf[r] = cell;
        }
        return (cellOf, [.. cellLevels], count);
    }

    /// <summary>Sums a per-respondent quantity (indexed like <see cref="Rows"/>) per cell.</summary>
    public double[] SumByCell(double[] values)
    {
        var sums = new double[CellCount];
        for (var r = 0; r < CellOf.Length; r++)
        {
            sums[CellOf[r]] += values[r];
        }
        return sums;
    }
}
