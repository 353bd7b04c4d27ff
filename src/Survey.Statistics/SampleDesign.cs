namespace Survey.Statistics;

/// <summary>
/// The sample as drawn: base (design) weights and the background variables available for weighting.
/// A single-stage design sampled with replacement (R: <c>svydesign(ids = ~1, weights = ~w)</c>); this is the object that
/// goes into a <see cref="WeightingPipeline"/>.
/// </summary>
public sealed class SampleDesign
{
    // Invariant: every base weight is finite and > 0; every variable has Count rows; names are distinct.
    private readonly double[] _baseWeights;
    private readonly Dictionary<string, CategoricalVariable> _variables;

    /// <summary>Creates a design.</summary>
    /// <param name="variables">Background variables (age band, gender, district, ...), one row per respondent.</param>
    /// <param name="baseWeights">Design weights; null means equal weights (R's <c>weights = ~1</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A base weight is not finite and positive.</exception>
    /// <exception cref="ArgumentException">Variables differ in length or share a name.</exception>
    public SampleDesign(IReadOnlyList<CategoricalVariable> variables, IReadOnlyList<double>? baseWeights = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (variables.Count == 0)
        {
            throw new ArgumentException("A design needs at least one background variable.", nameof(variables));
        }
        Count = variables[0].Count;
        _variables = new Dictionary<string, CategoricalVariable>(StringComparer.Ordinal);
        foreach (var v in variables)
        {
            if (v.Count != Count)
            {
                throw new ArgumentException($"Variable '{v.Name}' has {v.Count} rows, expected {Count}.", nameof(variables));
            }
            if (!_variables.TryAdd(v.Name, v))
            {
                throw new ArgumentException($"Variable '{v.Name}' given twice.", nameof(variables));
            }
        }
        _baseWeights = baseWeights is null ? Enumerable.Repeat(1.0, Count).ToArray() : [.. baseWeights];
        if (_baseWeights.Length != Count)
        {
            throw new ArgumentException($"{_baseWeights.Length} base weights for {Count} respondents.", nameof(baseWeights));
        }
        foreach (var w in _baseWeights)
        {
            if (!double.IsFinite(w) || w <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(baseWeights), w, "Base weights must be finite and positive.");
            }
        }
    }

    /// <summary>Number of respondents (rows).</summary>
    public int Count { get; }

    /// <summary>The base weights.</summary>
    public IReadOnlyList<double> BaseWeights => _baseWeights;

    /// <summary>The background variables by name.</summary>
    public IReadOnlyDictionary<string, CategoricalVariable> Variables => _variables;

    internal double[] RawBaseWeights => _baseWeights;

    /// <summary>Looks up a background variable.</summary>
    /// <exception cref="KeyNotFoundException">No variable of that name.</exception>
    public CategoricalVariable Variable(string name) =>
        _variables.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"The design has no variable '{name}'.");
}

/// <summary>Population totals for the categories of one background variable (a raking margin).</summary>
public sealed class PopulationMargin
{
    // Invariant: totals are finite and >= 0, at least one is > 0; category names are distinct.
    private readonly Dictionary<string, double> _totals;

    /// <summary>Creates a margin from population totals (counts, not shares) per category.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A total is negative or not finite, or all are zero.</exception>
    public PopulationMargin(string variable, IReadOnlyDictionary<string, double> totals)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        ArgumentNullException.ThrowIfNull(totals);
        Variable = variable;
        _totals = new Dictionary<string, double>(totals, StringComparer.Ordinal);
        foreach (var (category, total) in _totals)
        {
            if (!double.IsFinite(total) || total < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(totals), total, $"Margin '{variable}', category '{category}': total must be finite and >= 0.");
            }
        }
        Total = _totals.Values.Sum();
        if (Total <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(totals), Total, $"Margin '{variable}' has no population.");
        }
    }

    /// <summary>Name of the background variable.</summary>
    public string Variable { get; }

    /// <summary>Population total per category.</summary>
    public IReadOnlyDictionary<string, double> Totals => _totals;

    /// <summary>Sum of the totals (the population size).</summary>
    public double Total { get; }

    /// <summary>Creates a margin from shares that sum to 1, scaled to <paramref name="populationTotal"/>.</summary>
    /// <exception cref="ArgumentException">The shares do not sum to 1 (within 1e-6).</exception>
    public static PopulationMargin FromShares(string variable, IReadOnlyDictionary<string, double> shares, double populationTotal)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var sum = shares.Values.Sum();
        if (Math.Abs(sum - 1) > 1e-6)
        {
            throw new ArgumentException($"Margin '{variable}': shares sum to {sum}, not 1.", nameof(shares));
        }
        return new PopulationMargin(variable, shares.ToDictionary(p => p.Key, p => p.Value * populationTotal, StringComparer.Ordinal));
    }
}
