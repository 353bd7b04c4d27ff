using MathNet.Numerics.LinearAlgebra;

namespace Survey.Testing;

/// <summary>A domain of a published table: everyone (no conditions), a group of one split, or a combination of groups.</summary>
public sealed record AttackDomain(IReadOnlyDictionary<string, string> Groups)
{
    public static readonly AttackDomain All = new(new Dictionary<string, string>());

    public static AttackDomain Of(params (string Variable, string Group)[] groups) =>
        new(groups.ToDictionary(g => g.Variable, g => g.Group, StringComparer.Ordinal));

    public bool Covers(IReadOnlyDictionary<string, string> atom) => Groups.All(g => atom.TryGetValue(g.Key, out var v) && v == g.Value);

    public override string ToString() => Groups.Count == 0 ? "all" : string.Join(" & ", Groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Value}"));
}

/// <summary>What a published figure is.</summary>
public enum AttackFigure
{
    /// <summary>Unweighted count of an option in a domain.</summary>
    Count,

    /// <summary>Unweighted base of a domain (respondents with an answer).</summary>
    Base,

    /// <summary>Weighted count of an option (of everyone with an answer, for a mean).</summary>
    WeightedCount,

    /// <summary>Weighted proportion of an option.</summary>
    Proportion,

    /// <summary>Weighted mean.</summary>
    Mean,
}

/// <summary>
/// Plays the reader who wants a hidden figure back, for one question. The unknowns are the figures of the atoms (every
/// combination of the splits' groups that has respondents): per option the count and the weighted count, and for a mean
/// the count, the weight and the weighted sum. Every shown figure is a linear equation in them: a count, base or weighted
/// count is a sum over its domain's atoms; a proportion p says <c>w(option) − p · w(all options) = 0</c>; a mean m says
/// <c>Σ w·y − m · Σ w = 0</c>; a public total (a weighting target) fixes the domain's weight. A hidden count, base or
/// weighted count is determined when its vector lies in the row space of those equations; a hidden proportion or mean
/// when both its numerator and its denominator are. Nothing here knows how the platform suppresses.
/// </summary>
public sealed class DisclosureAttacker
{
    private readonly IReadOnlyList<IReadOnlyDictionary<string, string>> _atoms;
    private readonly IReadOnlyList<string?> _options;
    private readonly List<(double[] Row, AttackDomain Domain, string? Option, double? Proportion)> _rows = [];
    private readonly List<(AttackDomain Domain, string? Option, AttackFigure Figure)> _hidden = [];
    private readonly List<double[]> _public = [];

    /// <param name="atoms">The non-empty combinations of the splits' groups, each as variable → group.</param>
    /// <param name="options">The question's option codes, or a single null for a numeric question (a mean).</param>
    public DisclosureAttacker(IReadOnlyList<IReadOnlyDictionary<string, string>> atoms, IReadOnlyList<string?> options)
    {
        _atoms = atoms;
        _options = options;
    }

    private bool Numeric => _options is [null];

    private int Width => _atoms.Count * _options.Count * (Numeric ? 3 : 2);

    /// <summary>Records a figure the output shows.</summary>
    public void Shown(AttackDomain domain, string? option, AttackFigure figure, double value)
    {
        switch (figure)
        {
            case AttackFigure.Count or AttackFigure.WeightedCount:
                _rows.Add((Sum(domain, option, figure == AttackFigure.Count ? 0 : 1), domain, option, null));
                break;
            case AttackFigure.Base:
                _rows.Add((Total(domain, 0), domain, null, null));
                break;
            case AttackFigure.Proportion:
                _rows.Add((new double[Width], domain, option, value));
                break;
            case AttackFigure.Mean:
                _rows.Add((Combine(Sum(domain, null, 2), Total(domain, 1), -value), domain, null, null));
                break;
        }
    }

    /// <summary>Records a public total: the weight of the domain (a weighting target).</summary>
    public void PublicTotal(AttackDomain domain)
    {
        _rows.Add((Total(domain, 1), domain, null, null));
        _public.Add(Total(domain, 1));
    }

    /// <summary>Records a figure the output hides.</summary>
    public void Hidden(AttackDomain domain, string? option, AttackFigure figure) => _hidden.Add((domain, option, figure));

    /// <summary>The hidden figures that follow from the shown ones, described.</summary>
    public IReadOnlyList<string> Determined()
    {
        // Counts and weights share no equation: solve them apart (two small systems instead of one large one).
        var rows = Rows();
        var counts = Space(rows, kind => kind == 0);
        var weights = Space(rows, kind => kind != 0);
        bool Solvable(double[] c) => c.Select((x, i) => (x, i)).Any(p => p.x != 0 && Kind(p.i) == 0) ? counts(c) : weights(c);
        var found = new List<string>();
        foreach (var (domain, option, figure) in _hidden.Distinct())
        {
            var determined = figure switch
            {
                AttackFigure.Count => Solvable(Sum(domain, option, 0)),
                AttackFigure.Base => Solvable(Total(domain, 0)),
                // The weight of a domain with a public total (or the same respondents as one) is no secret: it is the target.
                AttackFigure.WeightedCount when Numeric => !_public.Any(p => p.SequenceEqual(Total(domain, 1))) && Solvable(Total(domain, 1)),
                AttackFigure.WeightedCount => Solvable(Sum(domain, option, 1)),
                AttackFigure.Proportion => Solvable(Sum(domain, option, 1)) && Solvable(Total(domain, 1)),
                AttackFigure.Mean => Solvable(Sum(domain, null, 2)) && Solvable(Total(domain, 1)),
                _ => false,
            };
            if (determined)
            {
                found.Add($"{figure} of {option ?? "mean"} in {domain}");
            }
        }
        return found;
    }

    /// <summary>The equations; proportions of a domain whose every option is shown are scaled to add up to exactly 1.</summary>
    private List<double[]> Rows()
    {
        var rows = _rows.Where(r => r.Proportion is null).Select(r => r.Row).ToList();
        foreach (var domain in _rows.Where(r => r.Proportion is not null).GroupBy(r => r.Domain.ToString(), StringComparer.Ordinal))
        {
            var shown = domain.DistinctBy(r => r.Option).ToList();
            var scale = shown.Count == _options.Count ? shown.Sum(r => r.Proportion!.Value) : 1;
            foreach (var r in shown)
            {
                var p = scale > 0 ? r.Proportion!.Value / scale : 0;
                rows.Add(Combine(Sum(r.Domain, r.Option, 1), Total(r.Domain, 1), -p));
            }
        }
        return rows;
    }

    /// <summary>A test of membership in the row space of the equations on the unknowns of the given kinds.</summary>
    private Func<double[], bool> Space(List<double[]> rows, Func<int, bool> kinds)
    {
        var columns = Enumerable.Range(0, Width).Where(i => kinds(Kind(i))).ToArray();
        var own = rows.Where(r => columns.Any(i => r[i] != 0)).Select(r => columns.Select(i => r[i]).ToArray()).ToArray();
        if (own.Length == 0)
        {
            return _ => false;
        }
        var svd = Matrix<double>.Build.DenseOfRowArrays(own).Svd(computeVectors: true);
        var max = svd.S.Maximum();
        var rank = svd.S.Count(s => s > 1e-9 * max);
        var basis = svd.VT.SubMatrix(0, rank, 0, columns.Length);
        return c =>
        {
            var v = Vector<double>.Build.DenseOfEnumerable(columns.Select(i => c[i]));
            var residual = v - basis.TransposeThisAndMultiply(basis * v);
            return residual.L2Norm() <= 1e-6 * Math.Max(1, v.L2Norm());
        };
    }

    private int Kind(int index) => index % (Numeric ? 3 : 2);

    // Unknown index: atom, option, kind (0 count, 1 weight, 2 weighted sum of a mean).
    private int Index(int atom, int option, int kind) => (((atom * _options.Count) + option) * (Numeric ? 3 : 2)) + kind;

    private double[] Sum(AttackDomain domain, string? option, int kind)
    {
        var row = new double[Width];
        var o = Numeric ? 0 : IndexOf(option);
        for (var a = 0; a < _atoms.Count; a++)
        {
            if (domain.Covers(_atoms[a]))
            {
                row[Index(a, o, kind)] = 1;
            }
        }
        return row;
    }

    private double[] Total(AttackDomain domain, int kind)
    {
        var row = new double[Width];
        for (var a = 0; a < _atoms.Count; a++)
        {
            if (domain.Covers(_atoms[a]))
            {
                for (var o = 0; o < _options.Count; o++)
                {
                    row[Index(a, o, kind)] = 1;
                }
            }
        }
        return row;
    }

    private int IndexOf(string? option)
    {
        for (var o = 0; o < _options.Count; o++)
        {
            if (_options[o] == option)
            {
                return o;
            }
        }
        throw new ArgumentException($"'{option}' is not an option of the question.", nameof(option));
    }

    private static double[] Combine(double[] x, double[] y, double factor) => [.. x.Zip(y, (a, b) => a + (factor * b))];
}
