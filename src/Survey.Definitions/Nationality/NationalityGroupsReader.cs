using Survey.Definitions.Loading;
using Survey.Definitions.Model;
using YamlDotNet.RepresentationModel;

namespace Survey.Definitions.Nationality;

/// <summary>Reads <c>groupings:</c> of a nationality mapping file; every problem becomes a positioned diagnostic.</summary>
internal static class NationalityGroupsReader
{
    private const string Rest = "rest";
    private const string Missing = "missing";

    public static List<NationalityGrouping> Read(SurveyContext context, YamlNode root)
    {
        var result = new List<NationalityGrouping>();
        var map = YamlMap.From(root, context.Diagnostics, "the nationality mapping");
        if (map is null)
        {
            return result;
        }
        map.Require("groupings");
        if (map.Value("groupings") is { } node && YamlMap.From(node, context.Diagnostics, "'groupings'") is { } groupings)
        {
            if (groupings.Node.Children.Count == 0)
            {
                context.Diagnostics.Add(node, "'groupings' is empty; define at least one grouping such as 'coarse'");
            }
            foreach (var (keyNode, value) in groupings.Node.Children)
            {
                if (keyNode is YamlScalarNode { Value: { } name })
                {
                    groupings.Has(name);
                    if (ReadGrouping(context, keyNode, name, value) is { } grouping)
                    {
                        result.Add(grouping);
                    }
                }
            }
        }
        map.ReportUnknown();
        return result;
    }

    private static NationalityGrouping? ReadGrouping(SurveyContext context, YamlNode keyNode, string name, YamlNode node)
    {
        var diagnostics = context.Diagnostics;
        if (!SurveyContext.Background().IsMatch(name))
        {
            diagnostics.Add(keyNode, $"grouping name '{YamlText.Shorten(name)}' may only contain lower-case letters, digits and '_', starting with a letter");
        }
        var what = $"grouping '{YamlText.Shorten(name)}'";
        var map = YamlMap.From(node, diagnostics, what);
        if (map is null)
        {
            return null;
        }
        map.Require("label", "groups", "other");
        var label = LocalizedTextReader.Read(context, map, "label", $"the label of {what}", markdown: false);
        var groups = new List<NationalityGroup>();
        var countries = new Dictionary<string, (string Group, YamlNode Node)>(StringComparer.Ordinal);
        string? restGroup = null;
        if (map.Value("groups") is { } groupsNode && YamlMap.From(groupsNode, diagnostics, $"'groups' of {what}") is { } groupsMap)
        {
            if (groupsMap.Node.Children.Count == 0)
            {
                diagnostics.Add(groupsNode, $"{what} has no groups");
            }
            foreach (var (codeNode, groupNode) in groupsMap.Node.Children)
            {
                if (codeNode is not YamlScalarNode { Value: { } code })
                {
                    continue;
                }
                groupsMap.Has(code);
                if (!SurveyContext.Background().IsMatch(code))
                {
                    diagnostics.Add(codeNode, $"group code '{YamlText.Shorten(code)}' of {what} may only contain lower-case letters, digits and '_', starting with a letter");
                }
                if (ReadGroup(context, code, groupNode, what, countries, ref restGroup) is { } group)
                {
                    groups.Add(group);
                }
            }
        }
        string? other = null;
        switch (map.Scalar("other"))
        {
            case null or "":
                if (map.Has("other") && map.Value("other") is { } empty)
                {
                    diagnostics.Add(empty, $"'other' of {what} must name one of its groups or be 'missing'");
                }
                break;
            case Missing:
                break;
            case var value when groups.Any(g => g.Code == value):
                other = value;
                break;
            case var value:
                map.Error("other", $"'other' of {what} must be one of its groups ({string.Join(", ", groups.Select(g => g.Code))}) or 'missing', not '{YamlText.Shorten(value)}'");
                break;
        }
        map.ReportUnknown();
        return new NationalityGrouping(name, label ?? new LocalizedText(new Dictionary<string, string>()), groups, other);
    }

    private static NationalityGroup? ReadGroup(
        SurveyContext context, string code, YamlNode node, string groupingWhat, Dictionary<string, (string Group, YamlNode Node)> seen, ref string? restGroup)
    {
        var diagnostics = context.Diagnostics;
        var what = $"group '{YamlText.Shorten(code)}' of {groupingWhat}";
        var map = YamlMap.From(node, diagnostics, what);
        if (map is null)
        {
            return null;
        }
        map.Require("label", "countries");
        var label = LocalizedTextReader.Read(context, map, "label", $"the label of {what}", markdown: false);
        var countries = new List<string>();
        var isRest = false;
        switch (map.Value("countries"))
        {
            case null:
                break;
            case YamlScalarNode { Value: Rest } restNode:
                if (restGroup is not null)
                {
                    diagnostics.Add(restNode, $"{groupingWhat} has more than one 'countries: rest' group (the first is '{restGroup}')");
                }
                else
                {
                    restGroup = code;
                }
                isRest = true;
                break;
            case YamlSequenceNode list:
                foreach (var child in list.Children)
                {
                    var country = (child as YamlScalarNode)?.Value;
                    if (!NationalityGroups.IsCountryCode(country))
                    {
                        diagnostics.Add(child, $"'{YamlText.Shorten(country ?? YamlText.Describe(child))}' in {what} is not an ISO 3166-1 alpha-2 code in lower case (such as de)");
                    }
                    else if (seen.TryGetValue(country!, out var first))
                    {
                        diagnostics.Add(child, first.Group == code
                            ? $"country '{country}' is listed twice in {what} (first at line {first.Node.Start.Line})"
                            : $"country '{country}' is in group '{first.Group}' (line {first.Node.Start.Line}) and in group '{code}' of {groupingWhat}; a country belongs to one group");
                    }
                    else
                    {
                        seen[country!] = (code, child);
                        countries.Add(country!);
                    }
                }
                break;
            case var other:
                diagnostics.Add(other, $"'countries' of {what} must be a list of ISO 3166-1 alpha-2 codes such as [de, fr], or 'rest', not {YamlText.Describe(other)}");
                break;
        }
        map.ReportUnknown();
        return new NationalityGroup(code, label ?? new LocalizedText(new Dictionary<string, string>()), countries, isRest);
    }
}
