using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Survey.Definitions.Loading;

/// <summary>
/// A YAML mapping being read. Every key the reader asks for becomes a known key, so after reading,
/// <see cref="ReportUnknown"/> can name any key nobody asked for (typos such as <c>requried</c>).
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _known = [];

    private YamlMap(YamlMappingNode node, DiagnosticBag diagnostics, string what)
    {
        Node = node;
        Diagnostics = diagnostics;
        What = what;
        foreach (var (key, value) in node.Children)
        {
            if (key is YamlScalarNode { Value: { } name } scalar)
            {
                _entries.TryAdd(name, (scalar, value));
            }
            else
            {
                diagnostics.Add(key, $"a key in {what} must be a plain name, not {YamlText.Describe(key)}");
            }
        }
    }

    public YamlMappingNode Node { get; }

    public DiagnosticBag Diagnostics { get; }

    /// <summary>What this mapping is, for messages: <c>survey</c>, <c>question 'age'</c>.</summary>
    public string What { get; }

    public static YamlMap? From(YamlNode node, DiagnosticBag diagnostics, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return new YamlMap(mapping, diagnostics, what);
        }
        diagnostics.Add(node, $"{what} must be a mapping of 'key: value' lines, not {YamlText.Describe(node)}");
        return null;
    }

    /// <summary>A scalar value of a mapping before it is read, to name the mapping in messages (its id or code).</summary>
    public static string? Peek(YamlNode node, string key) =>
        node is YamlMappingNode mapping
            ? mapping.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: { } k } && k == key).Value is YamlScalarNode { Value: { Length: > 0 } v } ? v : null
            : null;

    public YamlNode? Value(string key)
    {
        Know(key);
        return _entries.TryGetValue(key, out var entry) ? entry.Value : null;
    }

    public bool Has(string key)
    {
        Know(key);
        return _entries.ContainsKey(key);
    }

    /// <summary>Where to point at for a problem with <paramref name="key"/>: the key itself, or the mapping when absent.</summary>
    public Mark KeyMark(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key.Start : Node.Start;

    public Mark ValueMark(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value.Start : Node.Start;

    public void Error(string key, string message) => Diagnostics.Add(ValueMark(key), message);

    public void Require(params string[] keys)
    {
        foreach (var key in keys)
        {
            Know(key);
            if (!_entries.ContainsKey(key))
            {
                Diagnostics.Add(Node, $"{What} is missing required key '{key}'");
            }
        }
    }

    public void ReportUnknown()
    {
        foreach (var (name, entry) in _entries)
        {
            if (_known.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }
            var suggestion = Suggest(name);
            var hint = suggestion is null ? $"(allowed: {string.Join(", ", _known)})" : $"(did you mean '{suggestion}'?)";
            Diagnostics.Add(entry.Key, $"unknown key '{name}' in {What} {hint}");
        }
    }

    /// <summary>A plain scalar value, or null when absent. Lists and mappings are reported.</summary>
    public string? Scalar(string key)
    {
        switch (Value(key))
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return YamlText.IsNull(scalar) ? string.Empty : scalar.Value ?? string.Empty;
            case var other:
                Diagnostics.Add(other, $"'{key}' of {What} must be a single value, not {YamlText.Describe(other)}");
                return null;
        }
    }

    public int? Integer(string key)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Error(key, $"'{key}' of {What} must be a whole number, not '{YamlText.Shorten(text)}'");
        return null;
    }

    public decimal? Decimal(string key)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return null;
        }
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Error(key, $"'{key}' of {What} must be a number, not '{YamlText.Shorten(text)}'");
        return null;
    }

    public bool Boolean(string key, bool defaultValue)
    {
        var text = Scalar(key);
        switch (text)
        {
            case null:
                return defaultValue;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                Error(key, $"'{key}' of {What} must be true or false, not '{YamlText.Shorten(text)}'");
                return defaultValue;
        }
    }

    private void Know(string key)
    {
        if (!_known.Contains(key, StringComparer.Ordinal))
        {
            _known.Add(key);
        }
    }

    private string? Suggest(string typo) =>
        _known.Select(k => (Key: k, Distance: Distance(typo, k)))
            .Where(x => x.Distance <= Math.Max(1, x.Key.Length / 3))
            .OrderBy(x => x.Distance)
            .Select(x => x.Key)
            .FirstOrDefault();

    private static int Distance(string a, string b)
    {
        // Damerau-Levenshtein (optimal string alignment): a swapped pair such as 'requried' counts as one edit.
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
