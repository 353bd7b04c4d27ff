using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Survey.Definitions.Loading;

/// <summary>One <c>key: text</c> line of a locale file, with where it was written; <see cref="Text"/> is null when the value was rejected.</summary>
internal sealed record LocaleEntry(string Key, string? Text, Mark KeyMark, Mark ValueMark);

/// <summary>
/// Reads a flat locale file with YamlDotNet's event parser (not the representation model) so that a duplicate key is
/// reported with both places and reading goes on after a nested value.
/// </summary>
internal static partial class LocaleFileReader
{
    public static List<LocaleEntry> Read(string text, DiagnosticBag diagnostics)
    {
        var entries = new List<LocaleEntry>();
        try
        {
            ReadEvents(new Parser(new StringReader(text)), entries, diagnostics);
        }
        catch (YamlException ex)
        {
            diagnostics.Add(ex.Start, YamlText.SyntaxMessage(ex));
        }
#pragma warning disable CA1031 // YamlDotNet throws InvalidOperationException on some unclosed flow collections.
        catch (Exception)
#pragma warning restore CA1031
        {
            diagnostics.Add(YamlText.LastGoodMark(text), "YAML syntax error: the text cannot be read from here on (is a '[' or '{' not closed?)");
        }
        return entries;
    }

    private static void ReadEvents(Parser parser, List<LocaleEntry> entries, DiagnosticBag diagnostics)
    {
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            diagnostics.AddAt(1, 1, "the locale file is empty; write one 'key: text' line per text");
            return;
        }
        parser.Consume<DocumentStart>();
        if (!parser.TryConsume<MappingStart>(out _))
        {
            diagnostics.Add(parser.Current!.Start, "a locale file must be a flat list of 'key: text' lines");
            return;
        }
        var seen = new Dictionary<string, Mark>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (!parser.TryConsume<Scalar>(out var key))
            {
                diagnostics.Add(parser.Current!.Start, "a key in a locale file must be a plain name such as nav.next");
                parser.SkipThisAndNestedEvents();
                parser.SkipThisAndNestedEvents();
                continue;
            }
            var value = ReadValue(parser, key.Value, diagnostics);
            if (seen.TryGetValue(key.Value, out var first))
            {
                diagnostics.Add(key.Start, $"duplicate key '{key.Value}' (first at line {first.Line})");
                continue;
            }
            seen[key.Value] = key.Start;
            entries.Add(new LocaleEntry(key.Value, value?.Value, key.Start, value?.Start ?? key.Start));
        }
        parser.Consume<DocumentEnd>();
        if (parser.Current is DocumentStart second)
        {
            diagnostics.Add(second.Start, "the file holds more than one YAML document; remove the '---' separator");
        }
    }

    private static Scalar? ReadValue(Parser parser, string key, DiagnosticBag diagnostics)
    {
        if (parser.TryConsume<Scalar>(out var value))
        {
            var plain = value.Style == ScalarStyle.Plain;
            if (string.IsNullOrWhiteSpace(value.Value) || (plain && value.Value is "~" or "null" or "Null" or "NULL"))
            {
                diagnostics.Add(value.Start, $"the text of '{key}' is empty");
                return null;
            }
            if (plain && value.Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
            {
                diagnostics.Add(value.Start, $"the text of '{key}' must be a text, not the value {value.Value}; put it in quotes");
                return null;
            }
            return value;
        }
        var start = parser.Current!.Start;
        var kind = parser.Current is SequenceStart ? "a list" : parser.Current is MappingStart ? "a mapping" : "an alias";
        parser.SkipThisAndNestedEvents();
        diagnostics.Add(start, $"the text of '{key}' must be a text, not {kind}; locale files are flat ('nav.next: Next')");
        return null;
    }

    /// <summary>The <c>{0}</c>-style placeholders of a text, as a sorted, distinct list.</summary>
    public static IReadOnlyList<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => "{" + m.Groups[1].Value + "}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"(?<!\{)\{([0-9]+)(?:[,:][^}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
