namespace Survey.Statistics;

/// <summary>
/// The result of a <see cref="WeightingPipeline"/>: one calibrated weight per respondent (NaN for respondents excluded
/// because a raking variable is missing), the run's <see cref="WeightingReport"/>, and what the estimators need to
/// compute calibration-aware standard errors.
/// </summary>
public sealed class WeightedDesign
{
    private readonly double[] _weights;

    internal WeightedDesign(SampleDesign design, RakingFrame frame, double[] baseWeights, double[] weights, WeightingReport report)
    {
        Design = design;
        Frame = frame;
        IncludedBase = baseWeights;
        IncludedWeights = weights;
        Report = report;
        _weights = new double[design.Count];
        Array.Fill(_weights, double.NaN);
        for (var r = 0; r < frame.Rows.Length; r++)
        {
            _weights[frame.Rows[r]] = weights[r];
        }
        Calibration = new CalibrationVariance(frame, baseWeights, weights);
    }

    /// <summary>The design the weights were computed for.</summary>
    public SampleDesign Design { get; }

    /// <summary>The weight of each respondent (row); NaN for an excluded respondent. Weights sum to the margins' total.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Iterations, convergence, weight spread, design effect and exclusions of this run.</summary>
    public WeightingReport Report { get; }

    /// <summary>Number of respondents (rows) including excluded ones.</summary>
    public int Count => Design.Count;

    internal RakingFrame Frame { get; }

    internal double[] IncludedBase { get; }

    internal double[] IncludedWeights { get; }

    internal CalibrationVariance Calibration { get; }
}

/// <summary>What one weighting run did.</summary>
public sealed class WeightingReport
{
    internal WeightingReport(int iterations, double misfit, int included, int excluded, double[] weights, int trimmed, int trimRounds, bool? trimmingConverged)
    {
        Iterations = iterations;
        MaxMisfit = misfit;
        Included = included;
        Excluded = excluded;
        Trimmed = trimmed;
        TrimRounds = trimRounds;
        TrimmingConverged = trimmingConverged;
        if (weights.Length == 0)
        {
            (Min, Max, Mean, Total, DesignEffect, EffectiveSampleSize) = (double.NaN, double.NaN, double.NaN, 0, double.NaN, 0);
            return;
        }
        double sum = 0, sum2 = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
        foreach (var w in weights)
        {
            sum += w;
            sum2 += w * w;
            Min = Math.Min(Min, w);
            Max = Math.Max(Max, w);
        }
        Total = sum;
        Mean = sum / weights.Length;
        EffectiveSampleSize = sum * sum / sum2;
        DesignEffect = weights.Length * sum2 / (sum * sum);
    }

    private WeightingReport(int iterations, double misfit, int included, int excluded, double min, double max, double mean, double total, double designEffect, double effectiveSampleSize)
    {
        (Iterations, MaxMisfit, Included, Excluded) = (iterations, misfit, included, excluded);
        (Min, Max, Mean, Total, DesignEffect, EffectiveSampleSize) = (min, max, mean, total, designEffect, effectiveSampleSize);
    }

    /// <summary>
    /// Restores a report stored with a results snapshot (so downloads show the run's report without recomputing).
    /// Values are taken as given; NaN stands for "not computable" as in a fresh report. Trimming details are not restored.
    /// </summary>
    public static WeightingReport FromStored(
        int iterations, double maxMisfit, int included, int excluded, double min, double max, double mean, double total, double designEffect, double effectiveSampleSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        ArgumentOutOfRangeException.ThrowIfNegative(included);
        ArgumentOutOfRangeException.ThrowIfNegative(excluded);
        return new WeightingReport(iterations, maxMisfit, included, excluded, min, max, mean, total, designEffect, effectiveSampleSize);
    }

    /// <summary>Raking sweeps, summed over all (re-)rakes of the run.</summary>
    public int Iterations { get; }

    /// <summary>Always true: a run that does not converge throws <see cref="RakingDidNotConvergeException"/>.</summary>
    public bool Converged { get; } = true;

    /// <summary>Largest relative margin misfit of the final weights.</summary>
    public double MaxMisfit { get; }

    /// <summary>Respondents weighted.</summary>
    public int Included { get; }

    /// <summary>Respondents left out because a raking variable was missing (they get no weight).</summary>
    public int Excluded { get; }

    /// <summary>Smallest weight (NaN when nobody is weighted).</summary>
    public double Min { get; }

    /// <summary>Largest weight (NaN when nobody is weighted).</summary>
    public double Max { get; }

    /// <summary>Mean weight (NaN when nobody is weighted).</summary>
    public double Mean { get; }

    /// <summary>Sum of the weights (the population total).</summary>
    public double Total { get; }

    /// <summary>Kish design effect 1 + CV^2 = n sum(w^2) / (sum w)^2 (CV with divisor n).</summary>
    public double DesignEffect { get; }

    /// <summary>Kish effective sample size (sum w)^2 / sum(w^2) = n / design effect.</summary>
    public double EffectiveSampleSize { get; }

    /// <summary>Respondents whose weight was cut at least once by trimming.</summary>
    public int Trimmed { get; }

    /// <summary>Trim-and-rerake rounds done.</summary>
    public int TrimRounds { get; }

    /// <summary>Null without trimming; false when weights still exceeded the bounds after the last round.</summary>
    public bool? TrimmingConverged { get; }
}
