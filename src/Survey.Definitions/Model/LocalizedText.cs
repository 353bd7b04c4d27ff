namespace Survey.Definitions.Model;

/// <summary>One text in several languages. Validation guarantees every declared language is present.</summary>
public sealed class LocalizedText
{
    private readonly Dictionary<string, string> _byLanguage;

    public LocalizedText(IReadOnlyDictionary<string, string> byLanguage)
    {
        ArgumentNullException.ThrowIfNull(byLanguage);
        _byLanguage = new Dictionary<string, string>(byLanguage, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> ByLanguage => _byLanguage;

    /// <summary>The text in <paramref name="language"/>; falls back to English, then to any text, so a page never shows nothing.</summary>
    public string this[LanguageTag language] =>
        _byLanguage.TryGetValue(language.Value, out var text) ? text
        : _byLanguage.TryGetValue("en", out var english) ? english
        : _byLanguage.Values.FirstOrDefault() ?? string.Empty;

    public bool Has(LanguageTag language) => _byLanguage.ContainsKey(language.Value);

    public override string ToString() => this[LanguageTag.English];
}
