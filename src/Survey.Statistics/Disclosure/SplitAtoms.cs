namespace Survey.Statistics;

/// <summary>
/// The atoms of a crosstab's disclosure check: each combination of the split variables' groups that some weighted
/// respondent has. A respondent with a missing group on any split belongs to no atom: the check treats what such
/// respondents contribute as known to the reader (the cautious assumption), so "everyone = the sum of the groups" counts
/// as an exact sum.
/// </summary>
internal sealed class SplitAtoms
{
    private readonly WeightedDesign _design;
    private readonly IReadOnlyList<CategoricalVariable> _variables;
    private readonly int[] _atomOfRow;

    public SplitAtoms(WeightedDesign design, IReadOnlyList<CategoricalVariable> variables)
    {
        _design = design;
        _variables = variables;
        var rows = design.Frame.Rows;
        _atomOfRow = new int[rows.Length];
        var ids = new Dictionary<long, int>();
        var codes = new List<int[]>();
        for (var r = 0; r < rows.Length; r++)
        {
            long key = 0;
            var missing = false;
            foreach (var v in variables)
            {
                var code = v.RawCodes[rows[r]];
                missing |= code < 0;
                key = (key * (v.Categories.Count + 1)) + code + 1;
            }
            if (missing)
            {
                _atomOfRow[r] = -1;
                continue;
            }
            if (!ids.TryGetValue(key, out var id))
            {
                id = ids[key] = codes.Count;
                codes.Add([.. variables.Select(v => v.RawCodes[rows[r]])]);
            }
            _atomOfRow[r] = id;
        }
        Codes = codes;
    }

    /// <summary>Per atom, its group index in each split variable.</summary>
    public IReadOnlyList<int[]> Codes { get; }

    /// <summary>Whether the variable is a weighting margin, so its groups' weighted totals are the public targets.</summary>
    public bool IsMargin(string name) => _design.Frame.Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The atoms with a respondent who answered <paramref name="question"/>.</summary>
    public IReadOnlyList<int> Present(SurveyVariable question)
    {
        var rows = _design.Frame.Rows;
        var seen = new bool[Codes.Count];
        for (var r = 0; r < rows.Length; r++)
        {
            var atom = _atomOfRow[r];
            if (atom >= 0 && !seen[atom] && Answered(question, rows[r]))
            {
                seen[atom] = true;
            }
        }
        return [.. Enumerable.Range(0, seen.Length).Where(a => seen[a])];
    }

    /// <summary>Whether the atom lies in the domain: everyone (<paramref name="by"/> null), a group, or a combination.</summary>
    public bool Covers(int atom, string? by, string group, string? thenBy, string? group2) =>
        by is null || (In(atom, by, group) && (thenBy is null || In(atom, thenBy, group2!)));

    private bool In(int atom, string variable, string group)
    {
        var v = Index(variable);
        return _variables[v].Categories[Codes[atom][v]] == group;
    }

    private int Index(string name)
    {
        for (var v = 0; v < _variables.Count; v++)
        {
            if (_variables[v].Name == name)
            {
                return v;
            }
        }
        throw new ArgumentException($"'{name}' is not a split variable.", nameof(name));
    }

    private static bool Answered(SurveyVariable question, int row) => question switch
    {
        CategoricalVariable q => q.RawCodes[row] >= 0,
        NumericVariable q => !double.IsNaN(q.RawValues[row]),
        _ => false,
    };
}
