namespace Survey.Statistics;

/// <summary>Which interval to give for a proportion.</summary>
public enum ProportionInterval
{
    /// <summary>Logit (Wald on the logit scale, t with base - 1 df), R <c>svyciprop(method = "logit")</c>.</summary>
    Logit,

    /// <summary>Korn-Graubard (beta with effective sample size), R <c>svyciprop(method = "beta")</c>.</summary>
    KornGraubard,
}

/// <summary>Options for estimates.</summary>
public sealed record EstimationOptions
{
    private readonly double _level = 0.95;

    /// <summary>Confidence level, default 0.95.</summary>
    public double ConfidenceLevel
    {
        get => _level;
        init => _level = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Confidence level must be in (0, 1).");
    }

    /// <summary>Interval method for proportions, default <see cref="ProportionInterval.Logit"/>.</summary>
    public ProportionInterval ProportionInterval { get; init; } = ProportionInterval.Logit;
}

/// <summary>
/// One estimate: a weighted proportion of an option (or a weighted mean when <see cref="Option"/> is null) within a
/// group (<c>all</c> for everyone). NaN marks a value that cannot be computed (empty group) or has been suppressed.
/// </summary>
/// <param name="Question">Question (variable) name.</param>
/// <param name="Option">The option, or null for a mean.</param>
/// <param name="Group">Category of the group variable, or <c>all</c>.</param>
/// <param name="Base">Weighted respondents in the group with a non-missing answer (unweighted count).</param>
/// <param name="Count">Those choosing the option (equals <paramref name="Base"/> for a mean); null when suppressed.</param>
/// <param name="WeightedCount">Sum of weights of those counted in <paramref name="Count"/>.</param>
/// <param name="Value">Weighted proportion among non-missing answers, or weighted mean.</param>
/// <param name="StandardError">Linearised standard error accounting for the raking (matches R to 1e-6 relative).</param>
/// <param name="Lower">Lower confidence limit.</param>
/// <param name="Upper">Upper confidence limit.</param>
public sealed record CellEstimate(
    string Question, string? Option, string Group, int Base, int? Count, double WeightedCount,
    double Value, double StandardError, double Lower, double Upper)
{
    /// <summary>True when disclosure control blanked the numbers (count below the minimum cell size).</summary>
    public bool Suppressed { get; init; }

    /// <summary>True when the group's base is below the minimum for a firm figure (result is indicative).</summary>
    public bool Indicative { get; init; }

    /// <summary>
    /// True when disclosure control hides the group's base too: it is below the minimum cell size, or it would reveal a
    /// hidden figure by subtraction. Outputs then print no base for any cell of the group.
    /// </summary>
    public bool BaseSuppressed { get; init; }
}

/// <summary>
/// Estimates on a <see cref="WeightedDesign"/>, matching R's survey package on the calibrated design:
/// proportions as <c>svymean(~q, cal, na.rm = TRUE)</c> and <c>svyby(~q, ~group, cal, svymean, na.rm = TRUE)</c>,
/// means likewise. Respondents without a weight (missing background) and with a missing answer are left out; a group
/// estimate treats the influence as zero outside the group (domain estimation), as R does for a calibrated design.
/// Estimates agree with R to about 1e-12, standard errors and interval ends to about 1e-9 relative in the reference tests.
/// </summary>
public static class Estimation
{
    /// <summary>The group name for estimates over everyone.</summary>
    public const string AllGroup = "all";

    /// <summary>Weighted proportion of every option, overall and (when <paramref name="by"/> is given) per group.</summary>
    public static IReadOnlyList<CellEstimate> Proportions(WeightedDesign design, CategoricalVariable question, CategoricalVariable? by = null, EstimationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(question);
        options ??= new EstimationOptions();
        var table = CellTable.Categorical(design, question, by);
        var result = new List<CellEstimate>();
        foreach (var (group, cells) in table.Domains())
        {
            result.AddRange(ProportionsInDomain(design, question, group, cells, options));
        }
        return result;
    }

    /// <summary>Weighted mean, overall and (when <paramref name="by"/> is given) per group, with a normal interval.</summary>
    public static IReadOnlyList<CellEstimate> Means(WeightedDesign design, NumericVariable question, CategoricalVariable? by = null, EstimationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(question);
        options ??= new EstimationOptions();
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - ((1 - options.ConfidenceLevel) / 2));
        var table = CellTable.Numeric(design, question, by);
        var result = new List<CellEstimate>();
        foreach (var (group, cells) in table.Domains())
        {
            var cell = cells[0];
            var mean = cell.Wy / cell.W;
            var se = double.NaN;
            if (cell.Count > 0)
            {
                var cov = design.Calibration.Covariance(cells, [[-mean / cell.W]], [[1 / cell.W]]);
                se = Math.Sqrt(Math.Max(0, cov[0, 0]));
            }
            result.Add(new CellEstimate(question.Name, null, group, cell.Count, cell.Count, cell.W, mean, se, mean - (z * se), mean + (z * se)));
        }
        return result;
    }

    private static IEnumerable<CellEstimate> ProportionsInDomain(WeightedDesign design, CategoricalVariable question, string group, CellSums[] cells, EstimationOptions options)
    {
        var k = cells.Length;
        var total = cells.Sum(c => c.W);
        var baseCount = cells.Sum(c => c.Count);
        var p = cells.Select(c => c.W / total).ToArray();
        var variance = new double[k];
        Array.Fill(variance, double.NaN);
        if (baseCount > 0)
        {
            var alpha = new double[k][];
            for (var a = 0; a < k; a++)
            {
                alpha[a] = new double[k];
                for (var c = 0; c < k; c++)
                {
                    alpha[a][c] = ((c == a ? 1 : 0) - p[a]) / total;
                }
            }
            var cov = design.Calibration.Covariance(cells, alpha);
            for (var a = 0; a < k; a++)
            {
                variance[a] = Math.Max(0, cov[a, a]);
            }
        }
        for (var a = 0; a < k; a++)
        {
            var se = Math.Sqrt(variance[a]);
            var (lower, upper) = options.ProportionInterval == ProportionInterval.Logit
                ? ConfidenceIntervals.Logit(p[a], se, baseCount - 1, options.ConfidenceLevel)
                : ConfidenceIntervals.KornGraubard(p[a], se, baseCount, design.Frame.Rows.Length, options.ConfidenceLevel);
            yield return new CellEstimate(question.Name, question.Categories[a], group, baseCount, cells[a].Count, cells[a].W, p[a], se, lower, upper);
        }
    }
}
