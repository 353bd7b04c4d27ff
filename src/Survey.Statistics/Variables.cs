namespace Survey.Statistics;

/// <summary>A named column of answers, one value per respondent (row).</summary>
public abstract class SurveyVariable
{
    private protected SurveyVariable(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The variable's name (column header, question id).</summary>
    public string Name { get; }

    /// <summary>Number of respondents (rows).</summary>
    public abstract int Count { get; }
}

/// <summary>
/// A categorical variable stored as category indices (one <see cref="int"/> per respondent, -1 = missing),
/// so the engine never keeps a dictionary per respondent.
/// </summary>
public sealed class CategoricalVariable : SurveyVariable
{
    // Invariant: every code is -1 (missing) or an index into _categories; categories are distinct.
    private readonly int[] _codes;
    private readonly string[] _categories;

    /// <summary>Creates the variable from codes; -1 marks a missing answer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A code is below -1 or not an index of <paramref name="categories"/>.</exception>
    public CategoricalVariable(string name, IReadOnlyList<string> categories, IReadOnlyList<int> codes)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(codes);
        _categories = [.. categories];
        if (_categories.Distinct(StringComparer.Ordinal).Count() != _categories.Length)
        {
            throw new ArgumentException($"Variable '{name}' lists a category twice.", nameof(categories));
        }
        _codes = [.. codes];
        foreach (var code in _codes)
        {
            if (code < -1 || code >= _categories.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(codes), code, $"Variable '{name}': code outside -1..{_categories.Length - 1}.");
            }
        }
    }

    /// <summary>The categories, in the order codes refer to them.</summary>
    public IReadOnlyList<string> Categories => _categories;

    /// <summary>The category index of each respondent, -1 when the answer is missing.</summary>
    public IReadOnlyList<int> Codes => _codes;

    /// <inheritdoc />
    public override int Count => _codes.Length;

    internal int[] RawCodes => _codes;

    /// <summary>
    /// Builds the variable from text values; null or empty is missing. Categories are taken in the order given,
    /// or, when <paramref name="categories"/> is null, the distinct values sorted (numerically when all are numbers).
    /// </summary>
    /// <exception cref="ArgumentException">A value is not one of the given <paramref name="categories"/>.</exception>
    public static CategoricalVariable FromValues(string name, IReadOnlyList<string?> values, IReadOnlyList<string>? categories = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        categories ??= SortCategories(values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal)!);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < categories.Count; k++)
        {
            index[categories[k]] = k;
        }
        var codes = new int[values.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var v = values[i];
            if (string.IsNullOrEmpty(v))
            {
                codes[i] = -1;
            }
            else if (!index.TryGetValue(v, out codes[i]))
            {
                throw new ArgumentException($"Variable '{name}', row {i + 1}: '{v}' is not one of its categories ({string.Join(", ", categories)}).", nameof(values));
            }
        }
        return new CategoricalVariable(name, categories, codes);
    }

    private static string[] SortCategories(IEnumerable<string> distinct)
    {
        var list = distinct.ToArray();
        var numbers = list.Select(v => (ok: double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x), x)).ToArray();
        if (numbers.All(n => n.ok))
        {
            return [.. list.Zip(numbers).OrderBy(p => p.Second.x).Select(p => p.First)];
        }
        return [.. list.Order(StringComparer.Ordinal)];
    }
}

/// <summary>A numeric variable; <see cref="double.NaN"/> marks a missing answer.</summary>
public sealed class NumericVariable : SurveyVariable
{
    // Invariant: every value is finite or NaN (missing); infinities are rejected.
    private readonly double[] _values;

    /// <summary>Creates the variable; NaN is missing.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is infinite.</exception>
    public NumericVariable(string name, IReadOnlyList<double> values)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = [.. values];
        foreach (var v in _values)
        {
            if (double.IsInfinity(v))
            {
                throw new ArgumentOutOfRangeException(nameof(values), v, $"Variable '{name}' has an infinite value.");
            }
        }
    }

    /// <summary>The values, NaN where missing.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <inheritdoc />
    public override int Count => _values.Length;

    internal double[] RawValues => _values;
}
