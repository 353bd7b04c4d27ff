using System.Text.RegularExpressions;

namespace Survey.Definitions.Model;

/// <summary>A BCP 47 language tag such as <c>nl</c>, <c>en</c> or <c>pt-BR</c>; always normalised to lower-case primary subtag.</summary>
public readonly partial record struct LanguageTag
{
    // Invariant: matches [a-z]{2,3}(-[A-Za-z0-9]{2,8})* ; never null once constructed.
    private readonly string? _value;

    public LanguageTag(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!Pattern().IsMatch(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Not a language tag (expected e.g. 'nl', 'en' or 'pt-BR').");
        }
        _value = value;
    }

    public string Value => _value ?? "nl";

    public static bool TryCreate(string? value, out LanguageTag tag)
    {
        if (value is not null && Pattern().IsMatch(value))
        {
            tag = new LanguageTag(value);
            return true;
        }
        tag = default;
        return false;
    }

    public static readonly LanguageTag Dutch = new("nl");
    public static readonly LanguageTag English = new("en");

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
