using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Survey.Definitions.Loading;

/// <summary>Reads YAML text into a representation model, turning every parser failure into one positioned diagnostic.</summary>
internal static class YamlText
{
    public static YamlNode? ReadSingleDocument(string text, DiagnosticBag diagnostics, string emptyMessage)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            diagnostics.Add(ex.Start, SyntaxMessage(ex));
            return null;
        }
#pragma warning disable CA1031 // YamlDotNet throws InvalidOperationException on some unclosed flow collections; locate it ourselves.
        catch (Exception)
#pragma warning restore CA1031
        {
            diagnostics.Add(LastGoodMark(text), "YAML syntax error: the text cannot be read from here on (is a '[' or '{' not closed?)");
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            diagnostics.AddAt(1, 1, emptyMessage);
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            diagnostics.Add(stream.Documents[1].RootNode, "the file holds more than one YAML document; remove the '---' separator");
        }
        return stream.Documents[0].RootNode;
    }

    public static string SyntaxMessage(YamlException ex)
    {
        var message = ex.Message;
        if (message.StartsWith("Duplicate key ", StringComparison.Ordinal))
        {
            return $"duplicate key '{message["Duplicate key ".Length..]}'";
        }
        if (message.Length > 0)
        {
            message = char.ToLower(message[0], CultureInfo.InvariantCulture) + message[1..];
        }
        return "YAML syntax error: " + message.TrimEnd('.');
    }

    public static Mark LastGoodMark(string text)
    {
        var parser = new Parser(new StringReader(text));
        var last = new Mark(0, 1, 1);
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!.End;
            }
        }
#pragma warning disable CA1031 // Only the position of the failure is wanted here.
        catch (Exception)
#pragma warning restore CA1031
        {
            // The failure is after the last event that was read.
        }
        return last;
    }

    /// <summary>A plain <c>~</c>, <c>null</c> or nothing: YAML's null.</summary>
    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "empty",
        YamlScalarNode s => $"'{Shorten(s.Value ?? string.Empty)}'",
        _ => "something else",
    };

    public static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
