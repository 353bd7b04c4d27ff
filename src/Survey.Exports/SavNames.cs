using System.Text;

namespace Survey.Exports;

/// <summary>
/// Variable names within SPSS's rules: at most 64 bytes, a letter first, then letters, digits, <c>. _ $ # @</c>; not a
/// reserved word; not ending in a period; unique ignoring case. A column name that breaks a rule is changed (and the
/// variable label then ends with the original name).
/// </summary>
internal static class SavNames
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH",
    };

    public static string[] For(IReadOnlyList<StatVariable> variables) =>
        Unique(variables.Select(v => Valid(v.Source.Name)).ToList(), 64, StringComparer.OrdinalIgnoreCase);

    private static string Valid(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            text.Append(char.IsLetterOrDigit(c) || c is '.' or '_' or '$' or '#' or '@' ? c : '_');
        }
        if (text.Length == 0 || !char.IsLetter(text[0]))
        {
            text.Insert(0, 'v');
        }
        var result = text.ToString().TrimEnd('.');
        return Reserved.Contains(result) ? result + "_" : result;
    }

    /// <summary>Cuts names to <paramref name="maxBytes"/> UTF-8 bytes and numbers repeats (<c>name_2</c>).</summary>
    internal static string[] Unique(List<string> names, int maxBytes, StringComparer comparer)
    {
        var taken = new HashSet<string>(comparer);
        var result = new string[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var candidate = Cut(names[i], maxBytes);
            for (var n = 2; !taken.Add(candidate); n++)
            {
                var suffix = "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                candidate = Cut(names[i], maxBytes - suffix.Length) + suffix;
            }
            result[i] = candidate;
        }
        return result;
    }

    private static string Cut(string name, int maxBytes) => Encoding.UTF8.GetString(StatVariables.Utf8(name, maxBytes)).TrimEnd('.');
}
