namespace Survey.Statistics;

/// <summary>
/// Primary and complementary suppression of one question's linked tables, checked the way a reader would attack them.
/// Each domain has a column per option and, for a categorical question, a base column. Two systems are solved:
/// <list type="bullet">
/// <item>counts: a cell's count is known when the cell is shown, a base when it is shown;</item>
/// <item>weighted counts (and so proportions and, with the weighted sums, means): a cell's weighted count is known when
/// shown; a domain's weighted total is known when it is public (a weighting target) or any of its cells is shown (weighted
/// count divided by proportion).</item>
/// </list>
/// In both, every relation between domains (<see cref="DomainRelations"/>) holds per column, and the options of a domain
/// add up to its base. A hidden figure is determined when some combination of relations expresses it in known figures only
/// (it lies in the row space of the relations restricted to the hidden figures). Until nothing is determined: every
/// natural sum with exactly one hidden member gets a second (its smallest other member), then the solver finds what is still
/// determined and hides the smallest known figure that shares a relation with it. Deterministic: ties go to the first domain.
/// </summary>
internal sealed class LinkedSuppression
{
    private readonly IReadOnlyList<DisclosureDomain> _domains;
    private readonly DomainRelations _relations;
    private readonly int _options;
    private readonly bool _numeric;
    private readonly bool[,] _hidden;
    private readonly int[,] _size;

    private LinkedSuppression(IReadOnlyList<CellEstimate> cells, IReadOnlyList<DisclosureDomain> domains, DomainRelations relations, DisclosureRule rule)
    {
        _domains = domains;
        _relations = relations;
        _options = domains.Count == 0 ? 0 : domains[0].Cells.Count;
        _numeric = domains.Count > 0 && cells[domains[0].Cells[0]].Option is null;
        _hidden = new bool[domains.Count, Columns];
        _size = new int[domains.Count, Columns];
        for (var d = 0; d < domains.Count; d++)
        {
            for (var o = 0; o < _options; o++)
            {
                var cell = cells[domains[d].Cells[o]];
                _size[d, o] = cell.Count ?? 0;
                _hidden[d, o] = cell.Count is null || cell.Count < rule.MinCellCount;
            }
            if (!_numeric)
            {
                var baseCount = cells[domains[d].Cells[0]].Base;
                _size[d, _options] = baseCount;
                _hidden[d, _options] = baseCount < rule.MinCellCount;
            }
        }
    }

    private int Columns => _numeric ? 1 : _options + 1;

    /// <summary>The cells with <see cref="CellEstimate.Suppressed"/> and <see cref="CellEstimate.BaseSuppressed"/> set.</summary>
    public static CellEstimate[] Apply(DisclosureRule rule, IReadOnlyList<CellEstimate> cells, IReadOnlyList<DisclosureDomain> domains, IReadOnlyList<int[]> atomCodes)
    {
        var result = cells.Select(rule.Apply).ToArray();
        if (domains.Count == 0)
        {
            return result;
        }
        var state = new LinkedSuppression(cells, domains, DomainRelations.Of(domains, atomCodes), rule);
        state.Run();
        for (var d = 0; d < domains.Count; d++)
        {
            for (var o = 0; o < state._options; o++)
            {
                var i = domains[d].Cells[o];
                var hidden = state._hidden[d, o] ? DisclosureRule.Suppress(result[i]) : result[i];
                result[i] = hidden with { BaseSuppressed = state._numeric ? state._hidden[d, 0] : state._hidden[d, state._options] };
            }
        }
        return result;
    }

    private void Run()
    {
        for (var guard = 0; guard < 10_000; guard++)
        {
            while (Heuristic())
            {
            }
            var leaks = Determined(weighted: false).Select(v => (v, Weighted: false)).Concat(Determined(weighted: true).Select(v => (v, Weighted: true))).ToList();
            if (leaks.Count == 0 || !leaks.Aggregate(false, (any, leak) => Fix(leak.v, leak.Weighted) | any))
            {
                return;
            }
        }
    }

    /// <summary>Every natural sum (relation of domains per column, options of a domain and its base) with one hidden member gets a second.</summary>
    private bool Heuristic()
    {
        var changed = false;
        foreach (var relation in _relations.Relations.Take(_relations.NaturalCount))
        {
            for (var c = 0; c < Columns; c++)
            {
                changed |= SecondOf([.. relation.Select(m => (m.Domain, c))]);
            }
        }
        if (!_numeric)
        {
            for (var d = 0; d < _domains.Count; d++)
            {
                changed |= SecondOf([.. Enumerable.Range(0, Columns).Select(c => (d, c))]);
            }
        }
        return changed;
    }

    private bool SecondOf((int Domain, int Column)[] set)
    {
        set = [.. set.Where(v => _domains[v.Domain].Atoms.Count > 0)];
        if (set.Count(v => _hidden[v.Domain, v.Column]) != 1)
        {
            return false;
        }
        Hide(set.Where(v => !_hidden[v.Domain, v.Column]).OrderBy(v => _size[v.Domain, v.Column]).ThenBy(v => v.Column == _options ? 1 : 0).First());
        return true;
    }

    private void Hide((int Domain, int Column) value) => _hidden[value.Domain, value.Column] = true;

    private bool Known(int d, int c, bool weighted) =>
        _domains[d].Atoms.Count == 0
        || (!weighted || _numeric || c < _options
            ? !_hidden[d, c] || (weighted && _numeric && _domains[d].PublicTotal)
            : _domains[d].PublicTotal || Enumerable.Range(0, _options).Any(o => !_hidden[d, o]));

    private bool Protected(int d, int c, bool weighted) =>
        !Known(d, c, weighted) && (!weighted || c < _options);

    /// <summary>The relation rows over (domain, column) figures: each domain relation per column, and per domain options minus base.</summary>
    private IEnumerable<(int Domain, int Column, double Coefficient)[]> Rows()
    {
        foreach (var relation in _relations.Relations)
        {
            for (var c = 0; c < Columns; c++)
            {
                yield return [.. relation.Select(m => (m.Domain, c, m.Coefficient))];
            }
        }
        if (!_numeric)
        {
            for (var d = 0; d < _domains.Count; d++)
            {
                yield return [.. Enumerable.Range(0, _options).Select(o => (d, o, 1.0)), (d, _options, -1.0)];
            }
        }
    }

    /// <summary>One determined protected figure per connected group of hidden figures (fixing one may settle the others).</summary>
    private List<(int Domain, int Column)> Determined(bool weighted)
    {
        var rows = Rows().Select(r => r.Where(m => !Known(m.Domain, m.Column, weighted)).ToArray()).Where(r => r.Length > 0).ToList();
        var unknowns = rows.SelectMany(r => r.Select(m => (m.Domain, m.Column))).Distinct().Order().ToList();
        var index = unknowns.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        var parent = Enumerable.Range(0, unknowns.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        foreach (var row in rows)
        {
            foreach (var m in row.Skip(1))
            {
                parent[Root(index[(m.Domain, m.Column)])] = Root(index[(row[0].Domain, row[0].Column)]);
            }
        }
        var found = new List<(int, int)>();
        foreach (var component in Enumerable.Range(0, unknowns.Count).GroupBy(Root))
        {
            var members = component.Select(i => unknowns[i]).ToList();
            if (!members.Any(v => Protected(v.Domain, v.Column, weighted)))
            {
                continue;
            }
            var local = members.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
            var own = rows.Where(r => local.ContainsKey((r[0].Domain, r[0].Column))).ToList();
            var matrix = new double[own.Count, members.Count];
            for (var r = 0; r < own.Count; r++)
            {
                foreach (var m in own[r])
                {
                    matrix[r, local[(m.Domain, m.Column)]] += m.Coefficient;
                }
            }
            var alone = AloneInRowSpace(matrix);
            var leak = members.FirstOrDefault(v => Protected(v.Domain, v.Column, weighted) && alone[local[v]], (Domain: -1, Column: -1));
            if (leak.Domain >= 0)
            {
                found.Add(leak);
            }
        }
        return found;
    }

    /// <summary>
    /// For each column j, whether the unit vector e_j lies in the row space of <paramref name="matrix"/>: the figure of
    /// column j follows from the relations once the known figures are filled in. By Gauss-Jordan elimination (partial
    /// pivoting, entries below 1e-9 of the largest taken as zero): e_j is in the row space exactly when j is a pivot
    /// column whose reduced row has no other non-zero entry.
    /// </summary>
    private static bool[] AloneInRowSpace(double[,] matrix)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        var scale = 0.0;
        foreach (var x in matrix)
        {
            scale = Math.Max(scale, Math.Abs(x));
        }
        var tolerance = 1e-9 * Math.Max(scale, 1);
        var pivotRow = new int[columns];
        Array.Fill(pivotRow, -1);
        var rank = 0;
        for (var c = 0; c < columns && rank < rows; c++)
        {
            var best = rank;
            for (var r = rank + 1; r < rows; r++)
            {
                if (Math.Abs(matrix[r, c]) > Math.Abs(matrix[best, c]))
                {
                    best = r;
                }
            }
            if (Math.Abs(matrix[best, c]) <= tolerance)
            {
                continue;
            }
            for (var k = 0; k < columns; k++)
            {
                (matrix[rank, k], matrix[best, k]) = (matrix[best, k], matrix[rank, k]);
            }
            var pivot = matrix[rank, c];
            for (var k = 0; k < columns; k++)
            {
                matrix[rank, k] /= pivot;
            }
            for (var r = 0; r < rows; r++)
            {
                var factor = matrix[r, c];
                if (r == rank || factor == 0)
                {
                    continue;
                }
                for (var k = 0; k < columns; k++)
                {
                    matrix[r, k] -= factor * matrix[rank, k];
                }
            }
            pivotRow[c] = rank++;
        }
        var alone = new bool[columns];
        for (var c = 0; c < columns; c++)
        {
            if (pivotRow[c] < 0)
            {
                continue;
            }
            alone[c] = true;
            for (var k = 0; k < columns && alone[c]; k++)
            {
                alone[c] = k == c || Math.Abs(matrix[pivotRow[c], k]) <= tolerance;
            }
        }
        return alone;
    }

    /// <summary>
    /// Hides the smallest figure that shares a relation with the determined one and can be hidden in that system; when
    /// there is none, the smallest one relation further away, and so on.
    /// </summary>
    private bool Fix((int Domain, int Column) leak, bool weighted)
    {
        var rows = Rows().ToList();
        var reached = new HashSet<(int Domain, int Column)> { leak };
        for (var frontier = reached.ToList(); frontier.Count > 0;)
        {
            var next = rows.Where(r => r.Any(m => frontier.Contains((m.Domain, m.Column))))
                .SelectMany(r => r.Select(m => (m.Domain, m.Column)))
                .Where(reached.Add)
                .ToList();
            var candidate = next
                .Where(v => Known(v.Domain, v.Column, weighted) && _domains[v.Domain].Atoms.Count > 0 && Hideable(v, weighted))
                .OrderBy(v => _size[v.Domain, v.Column]).ThenBy(v => v.Column == _options ? 1 : 0).ThenBy(v => v)
                .FirstOrDefault((-1, -1));
            if (candidate.Item1 >= 0)
            {
                Hide(candidate);
                return true;
            }
            frontier = next;
        }
        return false;
    }

    // Hiding a base hides nothing of the weighted system, and a public total cannot be hidden.
    private bool Hideable((int Domain, int Column) v, bool weighted) =>
        !weighted || (_numeric ? !_domains[v.Domain].PublicTotal : v.Column < _options);
}
