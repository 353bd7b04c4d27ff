using Survey.Definitions.Model;
using YamlDotNet.RepresentationModel;

namespace Survey.Definitions.Loading;

/// <summary>Reads option lists (and matrix items, which are options without flags), or resolves an option set name.</summary>
internal static class OptionReader
{
    public static IReadOnlyList<OptionDefinition>? Resolve(SurveyContext context, YamlNode node, string owner, bool allowOther)
    {
        if (node is YamlScalarNode scalar && !YamlText.IsNull(scalar))
        {
            var name = scalar.Value ?? string.Empty;
            if (!context.OptionSets.TryGetValue(name, out var set))
            {
                var known = context.OptionSets.Count == 0 ? "no option_sets are defined" : "defined sets: " + string.Join(", ", context.OptionSets.Keys);
                context.Diagnostics.Add(node, $"{owner} uses unknown option set '{name}' ({known})");
                return null;
            }
            if (!allowOther && set.Options.Any(o => o.Other))
            {
                context.Diagnostics.Add(node, $"{owner} cannot use option set '{name}': it has an 'other: true' option, which this question type does not allow");
            }
            return set.Options;
        }
        return ReadList(context, node, owner, items: false, allowOther);
    }

    public static IReadOnlyList<OptionDefinition>? ReadList(SurveyContext context, YamlNode node, string owner, bool items, bool allowOther)
    {
        var noun = items ? "item" : "option";
        var diagnostics = context.Diagnostics;
        if (node is not YamlSequenceNode sequence)
        {
            var expected = items ? "a list of items" : "a list of options or the name of an option set";
            diagnostics.Add(node, $"the {noun}s of {owner} must be {expected}, not {YamlText.Describe(node)}");
            return null;
        }
        if (sequence.Children.Count == 0)
        {
            diagnostics.Add(node, $"{owner} has no {noun}s");
            return null;
        }
        var result = new List<OptionDefinition>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var others = 0;
        foreach (var child in sequence.Children)
        {
            var peeked = YamlMap.Peek(child, "code");
            var what = peeked is null ? $"an {noun} of {owner}" : $"{noun} '{YamlText.Shorten(peeked)}' of {owner}";
            var map = YamlMap.From(child, diagnostics, what);
            if (map is null)
            {
                continue;
            }
            map.Require("code", "text");
            var code = map.Scalar("code");
            if (code is not null)
            {
                if (!SurveyContext.Code().IsMatch(code))
                {
                    map.Error("code", $"{noun} code '{YamlText.Shorten(code)}' of {owner} may only contain letters, digits, '_', '-' and '+'");
                }
                else if (seen.TryGetValue(code, out var first))
                {
                    map.Error("code", $"duplicate {noun} code '{code}' in {owner} (first at line {first.Start.Line})");
                }
                else
                {
                    seen[code] = map.Value("code")!;
                }
            }
            var text = LocalizedTextReader.Read(context, map, "text", what, markdown: true);
            var dontKnow = !items && map.Boolean("dont_know", false);
            var other = !items && map.Boolean("other", false);
            if (other)
            {
                others++;
                if (!allowOther)
                {
                    map.Error("other", $"{what}: this question type does not allow 'other: true'");
                }
                else if (others == 2)
                {
                    map.Error("other", $"{owner} has more than one 'other: true' option");
                }
                if (dontKnow)
                {
                    map.Error("other", $"{what} cannot be both 'dont_know' and 'other'");
                }
            }
            map.ReportUnknown();
            result.Add(new OptionDefinition(code ?? string.Empty, text ?? new LocalizedText(new Dictionary<string, string>()), dontKnow, other));
        }
        return result;
    }
}
