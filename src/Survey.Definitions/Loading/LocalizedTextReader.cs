using Survey.Definitions.Model;
using YamlDotNet.RepresentationModel;

namespace Survey.Definitions.Loading;

/// <summary>Reads translatable texts: a mapping from every declared language to a non-empty text.</summary>
internal static class LocalizedTextReader
{
    /// <summary>Reads <paramref name="key"/> of <paramref name="map"/>; <paramref name="what"/> names the text in messages
    /// (<c>question 'age'</c>, <c>question 'age' help</c>).</summary>
    public static LocalizedText? Read(SurveyContext context, YamlMap map, string key, string what, bool markdown)
    {
        var node = map.Value(key);
        if (node is null)
        {
            return null;
        }
        var diagnostics = context.Diagnostics;
        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Add(node, $"{what} must have a text per language, such as {{ nl: ..., en: ... }}, not {YamlText.Describe(node)}");
            return null;
        }
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (languageNode, valueNode) in mapping.Children)
        {
            var language = (languageNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!context.Languages.Contains(language, StringComparer.Ordinal))
            {
                diagnostics.Add(languageNode, $"{what} has a text in undeclared language '{language}' (declared languages: {context.LanguageList})");
                continue;
            }
            if (valueNode is not YamlScalarNode scalar)
            {
                diagnostics.Add(valueNode, $"the '{language}' text of {what} must be a text, not {YamlText.Describe(valueNode)}");
                continue;
            }
            var text = YamlText.IsNull(scalar) ? string.Empty : scalar.Value ?? string.Empty;
            if (string.IsNullOrWhiteSpace(text))
            {
                diagnostics.Add(languageNode, $"{what} has an empty '{language}' text");
                continue;
            }
            if (markdown && MarkdownRenderer.FindRawHtml(text) is { } html)
            {
                diagnostics.Add(valueNode, $"the '{language}' text of {what} contains raw HTML '{YamlText.Shorten(html)}'; use Markdown instead (such as **bold**)");
            }
            texts[language] = text;
        }
        foreach (var language in context.Languages)
        {
            if (!texts.ContainsKey(language) && !HasKey(mapping, language))
            {
                diagnostics.Add(map.KeyMark(key), $"{what} has no '{language}' text (declared languages: {context.LanguageList})");
            }
        }
        return new LocalizedText(texts);
    }

    private static bool HasKey(YamlMappingNode mapping, string language) =>
        mapping.Children.Keys.Any(k => k is YamlScalarNode { Value: { } v } && v == language);
}
