using MathNet.Numerics.LinearAlgebra;

namespace Survey.Statistics;

/// <summary>
/// One published domain of a question (everyone, a group of a split, a combination of two splits' groups) for
/// <see cref="LinkedSuppression"/>: the indices of its cells in option order (one cell for a mean), the atoms it covers
/// (an atom is one combination of every split's group among the respondents who answered), and whether its weighted total
/// is public (everyone and the groups of a weighting margin: their totals are the population targets).
/// </summary>
internal sealed record DisclosureDomain(IReadOnlyList<int> Cells, IReadOnlyList<int> Atoms, bool PublicTotal);

/// <summary>
/// Every linear relation between the domains of a question: a vector <c>λ</c> with <c>Σ λ_d · 1_d = 0</c> over the atoms,
/// so for every additive figure (a count, a weighted count, a weighted sum) <c>Σ λ_d · figure_d = 0</c>. The natural ones
/// are listed (a domain equals the sum of its parts by another split: everyone = the groups of a split, a group = its
/// combinations, a coarse group = its finer groups); when they do not span every relation, a numeric basis of the left null
/// space is added, so a reader's every subtraction is covered.
/// </summary>
internal sealed class DomainRelations
{
    private DomainRelations(List<(int Domain, double Coefficient)[]> relations, int natural)
    {
        Relations = relations;
        NaturalCount = natural;
    }

    /// <summary>The relations, each as (domain, coefficient) pairs; the first <see cref="NaturalCount"/> are parent-minus-parts sums.</summary>
    public IReadOnlyList<(int Domain, double Coefficient)[]> Relations { get; }

    public int NaturalCount { get; }

    /// <param name="domains">The domains; one with no atoms (nobody answered) is left out of every relation.</param>
    /// <param name="atomCodes">Per atom, its group index in each split variable.</param>
    public static DomainRelations Of(IReadOnlyList<DisclosureDomain> domains, IReadOnlyList<int[]> atomCodes)
    {
        var keys = domains.Select(d => Key(d.Atoms)).ToArray();
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var d = 0; d < domains.Count; d++)
        {
            if (domains[d].Atoms.Count > 0)
            {
                (byKey.TryGetValue(keys[d], out var list) ? list : byKey[keys[d]] = []).Add(d);
            }
        }
        var relations = new List<(int, double)[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var variables = atomCodes.Count == 0 ? 0 : atomCodes[0].Length;
        for (var d = 0; d < domains.Count; d++)
        {
            if (domains[d].Atoms.Count == 0)
            {
                continue;
            }
            for (var v = 0; v < variables; v++)
            {
                var parts = new List<int>();
                foreach (var part in domains[d].Atoms.GroupBy(a => atomCodes[a][v]).OrderBy(g => g.Key))
                {
                    var match = byKey.GetValueOrDefault(Key([.. part]))?.FirstOrDefault(e => e != d, -1) ?? -1;
                    if (match < 0)
                    {
                        parts.Clear();
                        break;
                    }
                    parts.Add(match);
                }
                if (parts.Count > 0 && seen.Add(d + ":" + string.Join(',', parts.Order())))
                {
                    relations.Add([(d, 1.0), .. parts.Select(p => (p, -1.0))]);
                }
            }
        }
        var natural = relations.Count;
        var indicator = Indicator(domains, atomCodes.Count);
        var nullity = domains.Count - Rank(indicator);
        if (Rank(Rows(relations, domains.Count)) < nullity)
        {
            // The listed sums miss a relation: add a basis of all of them (dense, but complete).
            var svd = indicator.Svd(computeVectors: true);
            var rank = Rank(indicator);
            for (var k = rank; k < domains.Count; k++)
            {
                var column = svd.U.Column(k);
                relations.Add([.. Enumerable.Range(0, domains.Count).Where(i => Math.Abs(column[i]) > 1e-12).Select(i => (i, column[i]))]);
            }
        }
        return new DomainRelations(relations, natural);
    }

    /// <summary>Numerical rank: singular values above 1e-9 of the largest.</summary>
    public static int Rank(Matrix<double> matrix)
    {
        if (matrix.RowCount == 0 || matrix.ColumnCount == 0)
        {
            return 0;
        }
        var s = matrix.Svd(computeVectors: false).S;
        var max = s.Count == 0 ? 0 : s.Maximum();
        return max == 0 ? 0 : s.Count(x => x > 1e-9 * max);
    }

    private static Matrix<double> Indicator(IReadOnlyList<DisclosureDomain> domains, int atoms)
    {
        var m = Matrix<double>.Build.Dense(domains.Count, Math.Max(1, atoms));
        for (var d = 0; d < domains.Count; d++)
        {
            foreach (var a in domains[d].Atoms)
            {
                m[d, a] = 1;
            }
        }
        return m;
    }

    private static Matrix<double> Rows(List<(int Domain, double Coefficient)[]> relations, int domains)
    {
        var m = Matrix<double>.Build.Dense(Math.Max(1, relations.Count), domains);
        for (var r = 0; r < relations.Count; r++)
        {
            foreach (var (d, c) in relations[r])
            {
                m[r, d] += c;
            }
        }
        return m;
    }

    private static string Key(IEnumerable<int> atoms) => string.Join(',', atoms.Order());
}
