using Survey.Definitions.Loading;
using Survey.Definitions.Model;
using YamlDotNet.RepresentationModel;

namespace Survey.Definitions.Panel;

/// <summary>Reads a panel profile file; every problem becomes a positioned diagnostic.</summary>
internal static class PanelProfileReader
{
    public static (IReadOnlyList<string> Languages, IReadOnlyList<PanelProfileField> Fields) Read(SurveyContext context, YamlNode root)
    {
        var diagnostics = context.Diagnostics;
        var languages = new List<string>();
        var fields = new List<PanelProfileField>();
        var map = YamlMap.From(root, diagnostics, "the panel profile");
        if (map is null)
        {
            return (languages, fields);
        }
        map.Require("languages", "fields");
        if (map.Value("languages") is { } languagesNode)
        {
            if (languagesNode is YamlSequenceNode { Children.Count: > 0 } list)
            {
                foreach (var child in list.Children)
                {
                    var value = (child as YamlScalarNode)?.Value;
                    if (!LanguageTag.TryCreate(value, out _))
                    {
                        diagnostics.Add(child, $"'{YamlText.Shorten(value ?? YamlText.Describe(child))}' is not a language code such as nl or en");
                    }
                    else if (languages.Contains(value!, StringComparer.Ordinal))
                    {
                        diagnostics.Add(child, $"language '{value}' is listed twice");
                    }
                    else
                    {
                        languages.Add(value!);
                    }
                }
                context.Languages = languages;
            }
            else
            {
                diagnostics.Add(languagesNode, $"'languages' must be a list of language codes such as [nl, en], not {YamlText.Describe(languagesNode)}");
            }
        }
        if (map.Value("fields") is { } fieldsNode && YamlMap.From(fieldsNode, diagnostics, "'fields'") is { } fieldsMap)
        {
            foreach (var name in PanelProfile.FieldNames)
            {
                if (fieldsMap.Value(name) is { } fieldNode)
                {
                    fields.Add(ReadField(context, name, fieldNode));
                }
                else
                {
                    diagnostics.Add(fieldsNode, $"the panel profile must define field '{name}' (fields: {string.Join(", ", PanelProfile.FieldNames)})");
                }
            }
            fieldsMap.ReportUnknown();
        }
        map.ReportUnknown();
        return (languages, fields);
    }

    private static PanelProfileField ReadField(SurveyContext context, string name, YamlNode node)
    {
        var diagnostics = context.Diagnostics;
        var what = $"field '{name}'";
        var options = new List<PanelProfileOption>();
        var map = YamlMap.From(node, diagnostics, what);
        if (map is null)
        {
            return new PanelProfileField(name, Empty(), options);
        }
        map.Require("label", "options");
        var label = LocalizedTextReader.Read(context, map, "label", $"the label of {what}", markdown: false);
        switch (map.Value("options"))
        {
            case null:
                break;
            case YamlSequenceNode { Children.Count: > 0 } list:
                var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
                foreach (var child in list.Children)
                {
                    if (ReadOption(context, what, child, seen) is { } option)
                    {
                        options.Add(option);
                    }
                }
                break;
            case YamlSequenceNode empty:
                diagnostics.Add(empty, $"'options' of {what} is empty; give at least one {{ code: ..., label: {{ nl: ..., en: ... }} }}");
                break;
            case var other:
                diagnostics.Add(other, $"'options' of {what} must be a non-empty list of {{ code: ..., label: {{ nl: ..., en: ... }} }}, not {YamlText.Describe(other)}");
                break;
        }
        map.ReportUnknown();
        return new PanelProfileField(name, label ?? Empty(), options);
    }

    private static PanelProfileOption? ReadOption(SurveyContext context, string fieldWhat, YamlNode node, Dictionary<string, YamlNode> seen)
    {
        var diagnostics = context.Diagnostics;
        var map = YamlMap.From(node, diagnostics, $"an option of {fieldWhat}");
        if (map is null)
        {
            return null;
        }
        map.Require("code", "label");
        var code = map.Scalar("code");
        var what = $"option '{YamlText.Shorten(code ?? "?")}' of {fieldWhat}";
        var label = LocalizedTextReader.Read(context, map, "label", $"the label of {what}", markdown: false);
        map.ReportUnknown();
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        if (!SurveyContext.Code().IsMatch(code) || code.Length > 100)
        {
            map.Error("code", $"code '{YamlText.Shorten(code)}' of {fieldWhat} may only contain letters, digits, '_', '-' and '+'");
            return null;
        }
        if (seen.TryGetValue(code, out var first))
        {
            map.Error("code", $"code '{code}' of {fieldWhat} is listed twice (first at line {first.Start.Line})");
            return null;
        }
        seen[code] = map.Node;
        return label is null ? null : new PanelProfileOption(code, label);
    }

    private static LocalizedText Empty() => new(new Dictionary<string, string>());
}
