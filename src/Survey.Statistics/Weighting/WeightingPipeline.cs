namespace Survey.Statistics;

/// <summary>
/// An ordered, frozen pipeline of weighting steps (rake, then optionally trim and re-rake), built once with
/// <see cref="CreateBuilder"/> and run on any number of designs. Estimation and disclosure control follow on the
/// resulting <see cref="WeightedDesign"/> (see <see cref="Crosstab"/>).
/// </summary>
/// <remarks>
/// Rule for missing background answers: a respondent missing any raking variable is excluded from weighting and gets
/// no weight (NaN); such respondents are counted in <see cref="WeightingReport.Excluded"/> and left out of every estimate.
/// </remarks>
public sealed class WeightingPipeline
{
    private readonly IReadOnlyList<IWeightingStep> _steps;

    private WeightingPipeline(IReadOnlyList<IWeightingStep> steps) => _steps = steps;

    /// <summary>Names of the steps in order, e.g. <c>rake, trim</c>.</summary>
    public IReadOnlyList<string> Steps => [.. _steps.Select(s => s.Name)];

    /// <summary>Starts a pipeline.</summary>
    public static Builder CreateBuilder() => new();

    /// <summary>
    /// Raking to <paramref name="margins"/> with the given tolerance and iteration cap (null: the defaults of
    /// <see cref="RakingOptions"/>), followed by trimming to [<paramref name="trimLower"/>, <paramref name="trimUpper"/>]
    /// times the mean weight and re-raking when both bounds are given: the settings of a targets file's <c>weighting:</c>.
    /// </summary>
    public static WeightingPipeline FromSettings(
        IEnumerable<PopulationMargin> margins, double? tolerance = null, int? maxIterations = null, double? trimLower = null, double? trimUpper = null)
    {
        var raking = new RakingOptions();
        if (tolerance is { } t)
        {
            raking = raking with { Tolerance = t };
        }
        if (maxIterations is { } m)
        {
            raking = raking with { MaxIterations = m };
        }
        var builder = CreateBuilder().Rake(margins, raking);
        if (trimLower is { } lower && trimUpper is { } upper)
        {
            builder.Trim(new TrimmingOptions { Lower = lower, Upper = upper });
        }
        return builder.Build();
    }

    /// <summary>Runs every step on the design.</summary>
    /// <exception cref="EmptyMarginCategoryException">A margin category with a population total has no respondent.</exception>
    /// <exception cref="UnknownMarginCategoryException">A respondent has a category that no margin lists.</exception>
    /// <exception cref="RakingDidNotConvergeException">Raking did not meet the tolerance within the iteration cap.</exception>
    public WeightedDesign Run(SampleDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var state = new WeightingState(design);
        foreach (var step in _steps)
        {
            step.Apply(state);
        }
        return state.ToResult();
    }

    /// <summary>Collects steps; <see cref="Build"/> freezes them.</summary>
    public sealed class Builder
    {
        private readonly List<IWeightingStep> _steps = [];
        private RakeStep? _rake;

        internal Builder()
        {
        }

        /// <summary>Adds raking to the given margins (must be the first step).</summary>
        public Builder Rake(IEnumerable<PopulationMargin> margins, RakingOptions? options = null)
        {
            ArgumentNullException.ThrowIfNull(margins);
            if (_rake is not null)
            {
                throw new InvalidOperationException("Raking is already in the pipeline.");
            }
            var list = margins.ToArray();
            if (list.Length == 0)
            {
                throw new ArgumentException("Raking needs at least one margin.", nameof(margins));
            }
            _rake = new RakeStep(list, options ?? new RakingOptions());
            _steps.Add(_rake);
            return this;
        }

        /// <summary>Adds trimming relative to the mean weight, re-raked afterwards (after <see cref="Rake"/>).</summary>
        public Builder Trim(TrimmingOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var rake = _rake ?? throw new InvalidOperationException("Trimming needs a raking step before it.");
            _steps.Add(new TrimStep(rake, options));
            return this;
        }

        /// <summary>Freezes the steps into a pipeline.</summary>
        public WeightingPipeline Build() =>
            _rake is null ? throw new InvalidOperationException("A weighting pipeline needs a raking step.") : new WeightingPipeline([.. _steps]);
    }
}

internal interface IWeightingStep
{
    string Name { get; }

    void Apply(WeightingState state);
}

/// <summary>Mutable working state of one pipeline run (weights indexed like <see cref="RakingFrame.Rows"/>).</summary>
internal sealed class WeightingState(SampleDesign design)
{
    public SampleDesign Design { get; } = design;

    public RakingFrame? Frame { get; set; }

    public double[] Base { get; set; } = [];

    public double[] Weights { get; set; } = [];

    public int Iterations { get; set; }

    public double Misfit { get; set; }

    public int Trimmed { get; set; }

    public int TrimRounds { get; set; }

    public bool? TrimmingConverged { get; set; }

    public WeightedDesign ToResult()
    {
        var frame = Frame ?? throw new InvalidOperationException("No raking step ran.");
        return new WeightedDesign(Design, frame, Base, Weights, new WeightingReport(
            Iterations, Misfit, frame.Rows.Length, frame.ExcludedCount, Weights, Trimmed, TrimRounds, TrimmingConverged));
    }
}

internal sealed class RakeStep(PopulationMargin[] margins, RakingOptions options) : IWeightingStep
{
    public string Name => "rake";

    public void Apply(WeightingState state)
    {
        var frame = RakingFrame.Build(state.Design, margins);
        state.Frame = frame;
        var designBase = state.Design.RawBaseWeights;
        state.Base = [.. frame.Rows.Select(i => designBase[i])];
        Rerake(state);
    }

    /// <summary>Rakes <see cref="WeightingState.Base"/> to the margins and stores the weights.</summary>
    public void Rerake(WeightingState state)
    {
        var frame = state.Frame!;
        var outcome = Raker.Rake(frame, frame.SumByCell(state.Base), options);
        var weights = new double[state.Base.Length];
        for (var r = 0; r < weights.Length; r++)
        {
            weights[r] = state.Base[r] * outcome.CellFactors[frame.CellOf[r]];
        }
        state.Weights = weights;
        state.Iterations += outcome.Iterations;
        state.Misfit = outcome.Misfit;
    }
}

internal sealed class TrimStep(RakeStep rake, TrimmingOptions options) : IWeightingStep
{
    private const double Slack = 1e-6;

    public string Name => "trim";

    public void Apply(WeightingState state)
    {
        var everTrimmed = new bool[state.Weights.Length];
        state.TrimmingConverged = false;
        for (var round = 0; round <= options.MaxRounds; round++)
        {
            var mean = state.Weights.Average();
            double lower = options.Lower * mean, upper = options.Upper * mean;
            if (state.Weights.All(w => w >= lower * (1 - Slack) && w <= upper * (1 + Slack)))
            {
                state.TrimmingConverged = true;
                break;
            }
            if (round == options.MaxRounds)
            {
                break;
            }
            var trimmed = new double[state.Weights.Length];
            for (var r = 0; r < trimmed.Length; r++)
            {
                trimmed[r] = Math.Clamp(state.Weights[r], lower, upper);
                everTrimmed[r] |= trimmed[r] != state.Weights[r];
            }
            state.Base = trimmed;
            rake.Rerake(state);
            state.TrimRounds = round + 1;
        }
        state.Trimmed = everTrimmed.Count(t => t);
    }
}
