namespace Survey.Statistics;

/// <summary>Convergence settings for raking (iterative proportional fitting).</summary>
public sealed record RakingOptions
{
    private readonly double _tolerance = 1e-10;
    private readonly int _maxIterations = 1000;

    /// <summary>
    /// Largest accepted relative misfit |weighted total - population total| / population total over all margin
    /// categories. Default 1e-10.
    /// </summary>
    public double Tolerance
    {
        get => _tolerance;
        init => _tolerance = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Tolerance must be in (0, 1).");
    }

    /// <summary>Maximum number of sweeps over all margins. Default 1000.</summary>
    public int MaxIterations
    {
        get => _maxIterations;
        init => _maxIterations = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one iteration.");
    }
}

/// <summary>
/// Weight trimming: weights are cut to [<see cref="Lower"/>, <see cref="Upper"/>] times the mean weight and re-raked,
/// repeatedly, until all weights lie within the bounds (to 1e-6 relative) and the margins are met.
/// </summary>
public sealed record TrimmingOptions
{
    private readonly double _lower = 0.3;
    private readonly double _upper = 3.0;
    private readonly int _maxRounds = 100;

    /// <summary>Lower bound relative to the mean weight, in [0, 1). Default 0.3.</summary>
    public double Lower
    {
        get => _lower;
        init => _lower = value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Lower bound must be in [0, 1).");
    }

    /// <summary>Upper bound relative to the mean weight, above 1. Default 3.</summary>
    public double Upper
    {
        get => _upper;
        init => _upper = value > 1 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Upper bound must be above 1.");
    }

    /// <summary>Maximum trim-and-rerake rounds. Default 100.</summary>
    public int MaxRounds
    {
        get => _maxRounds;
        init => _maxRounds = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one round.");
    }
}
