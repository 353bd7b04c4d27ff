namespace Survey.Exports;

/// <summary>
/// Excel sheet names: at most 31 characters, none of <c>[]:*?/\</c>, not starting or ending with an apostrophe,
/// not the reserved <c>History</c>, and unique ignoring case (clashes get <c>~2</c>, <c>~3</c>, … within the 31).
/// </summary>
internal sealed class SheetNames
{
    public const int MaxLength = 31;
    private static readonly char[] Invalid = ['[', ']', ':', '*', '?', '/', '\\'];
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase) { "History" };

    /// <summary>A valid name not used before, as close to <paramref name="wanted"/> as allowed.</summary>
    public string Claim(string wanted)
    {
        var clean = string.Concat(wanted.Select(ch => Array.IndexOf(Invalid, ch) >= 0 || char.IsControl(ch) ? '_' : ch)).Trim().Trim('\'');
        if (clean.Length == 0)
        {
            clean = "Sheet";
        }
        var name = Cut(clean, MaxLength);
        for (var n = 2; !_used.Add(name); n++)
        {
            var suffix = "~" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            name = Cut(clean, MaxLength - suffix.Length) + suffix;
        }
        return name;
    }

    // Never cut between the halves of a surrogate pair, and never leave an apostrophe at the end.
    private static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text[..cut].TrimEnd('\'');
    }
}
