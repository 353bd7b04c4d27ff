using System.Globalization;
using Survey.Definitions.Loading;
using Survey.Definitions.Model;
using Survey.Definitions.Nationality;
using YamlDotNet.RepresentationModel;

namespace Survey.Definitions.Targets;

/// <summary>Reads <c>total:</c> and <c>margins:</c> of a targets file and checks them against the survey and the nationality mapping.</summary>
internal sealed class TargetsReader(DiagnosticBag diagnostics, SurveyDefinition? survey, NationalityGroups? groups)
{
    /// <summary>Proportions must sum to 1 within this.</summary>
    public const double ShareTolerance = 0.001;

    /// <summary>Counts must sum to the total within this fraction of it.</summary>
    public const double CountTolerance = 0.005;

    private enum Kind
    {
        Either,
        Shares,
        Counts,
    }

    public PopulationTargets? Read(YamlNode root, string surveyId)
    {
        var map = YamlMap.From(root, diagnostics, "the targets file");
        if (map is null)
        {
            return null;
        }
        map.Require("total", "margins");
        var total = ReadTotal(map);
        var margins = new List<TargetMargin>();
        if (map.Value("margins") is { } node && YamlMap.From(node, diagnostics, "'margins'") is { } marginsMap)
        {
            if (marginsMap.Node.Children.Count == 0)
            {
                diagnostics.Add(node, "'margins' is empty; give the population distribution of at least one background variable");
            }
            foreach (var (keyNode, value) in marginsMap.Node.Children)
            {
                if (keyNode is YamlScalarNode { Value: { } variable })
                {
                    marginsMap.Has(variable);
                    if (ReadMargin(keyNode, variable, value, total) is { } margin)
                    {
                        margins.Add(margin);
                    }
                }
            }
        }
        var derived = map.Value("derived") is { } derivedNode ? ReadDerived(derivedNode, margins) : [];
        var weighting = map.Value("weighting") is { } weightingNode ? ReadWeighting(weightingNode) : WeightingSettings.Default;
        var results = map.Value("results") is { } resultsNode ? ReadResults(resultsNode, margins, derived) : ResultsSettings.Default;
        map.ReportUnknown();
        return total is { } t && diagnostics.Count == 0
            ? new PopulationTargets(surveyId, t, margins, diagnostics.File) { Derived = derived, Weighting = weighting, Results = results }
            : null;
    }

    /// <summary><c>derived:</c> name → <c>{ from, grouping }</c>: variables for breakdowns, computed through the nationality mapping.</summary>
    private Dictionary<string, DerivedFrom> ReadDerived(YamlNode node, List<TargetMargin> margins)
    {
        var result = new Dictionary<string, DerivedFrom>(StringComparer.Ordinal);
        if (YamlMap.From(node, diagnostics, "'derived'") is not { } map)
        {
            return result;
        }
        foreach (var (keyNode, value) in map.Node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } name })
            {
                continue;
            }
            map.Has(name);
            var what = $"derived variable '{YamlText.Shorten(name)}'";
            if (!SurveyContext.Background().IsMatch(name))
            {
                diagnostics.Add(keyNode, $"{what}: a variable name has lower-case letters, digits and '_', starting with a letter");
                continue;
            }
            if (margins.Any(m => m.Variable == name) || (survey is not null && survey.Background.ContainsKey(name)))
            {
                diagnostics.Add(keyNode, $"{what}: '{name}' is already a {(margins.Any(m => m.Variable == name) ? "margin" : "background variable of survey '" + survey!.Id + "'")}; give the derived variable another name");
                continue;
            }
            // Same shape as a margin's 'derive:'.
            var (derive, _) = ReadDerive(value, what);
            if (derive is not null)
            {
                result[name] = derive;
            }
        }
        return result;
    }

    /// <summary><c>weighting:</c> <c>tolerance</c>, <c>max_iterations</c> and <c>trim: { lower, upper }</c>.</summary>
    private WeightingSettings ReadWeighting(YamlNode node)
    {
        if (YamlMap.From(node, diagnostics, "'weighting'") is not { } map)
        {
            return WeightingSettings.Default;
        }
        double? tolerance = null;
        if (map.Scalar("tolerance") is { } toleranceText)
        {
            if (TryNumber(toleranceText, out var value) && value is > 0 and < 1)
            {
                tolerance = value;
            }
            else
            {
                map.Error("tolerance", $"'tolerance' of 'weighting' must be a number above 0 and below 1 (the largest accepted relative misfit of a margin, e.g. 1e-8), not '{YamlText.Shorten(toleranceText)}'");
            }
        }
        var maxIterations = map.Integer("max_iterations");
        if (maxIterations is < 1)
        {
            map.Error("max_iterations", $"'max_iterations' of 'weighting' must be 1 or more, not {maxIterations}");
            maxIterations = null;
        }
        double? lower = null, upper = null;
        if (map.Value("trim") is { } trimNode && YamlMap.From(trimNode, diagnostics, "'trim' of 'weighting'") is { } trim)
        {
            trim.Require("lower", "upper");
            lower = Bound(trim, "lower", v => v is >= 0 and < 1, "at least 0 and below 1");
            upper = Bound(trim, "upper", v => v > 1, "above 1");
            trim.ReportUnknown();
        }
        map.ReportUnknown();
        return new WeightingSettings(tolerance, maxIterations, lower, upper);
    }

    private static double? Bound(YamlMap trim, string key, Func<double, bool> valid, string rule)
    {
        if (trim.Scalar(key) is not { } text)
        {
            return null;
        }
        if (TryNumber(text, out var value) && valid(value))
        {
            return value;
        }
        trim.Error(key, $"'{key}' of 'trim' must be a number {rule} (a multiple of the mean weight), not '{YamlText.Shorten(text)}'");
        return null;
    }

    /// <summary><c>results:</c> <c>by: [..]</c> and <c>then_by: [..]</c>: names of margins, derived variables or background questions.</summary>
    private ResultsSettings ReadResults(YamlNode node, List<TargetMargin> margins, Dictionary<string, DerivedFrom> derived)
    {
        if (YamlMap.From(node, diagnostics, "'results'") is not { } map)
        {
            return ResultsSettings.Default;
        }
        var by = map.Value("by") is { } byNode ? ReadNames(byNode, "by", margins, derived, []) : [];
        var thenBy = map.Value("then_by") is { } thenNode ? ReadNames(thenNode, "then_by", margins, derived, by) : [];
        var interval = map.Scalar("interval");
        if (interval is not (null or "logit" or "korn_graubard"))
        {
            map.Error("interval", $"'interval' of 'results' must be logit or korn_graubard (the method for intervals of proportions), not '{YamlText.Shorten(interval)}'");
        }
        map.ReportUnknown();
        return new ResultsSettings(by, thenBy, interval == "korn_graubard");
    }

    private List<string> ReadNames(YamlNode node, string key, List<TargetMargin> margins, Dictionary<string, DerivedFrom> derived, List<string> taken)
    {
        var names = new List<string>();
        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            diagnostics.Add(node, $"'{key}' of 'results' must be a list of variable names, such as [nationality_group, district], not {YamlText.Describe(node)}");
            return names;
        }
        foreach (var item in list.Children)
        {
            if (item is not YamlScalarNode { Value: { Length: > 0 } name } || YamlText.IsNull((YamlScalarNode)item))
            {
                diagnostics.Add(item, $"an entry of '{key}' of 'results' must be a variable name, not {YamlText.Describe(item)}");
                continue;
            }
            if (names.Contains(name, StringComparer.Ordinal))
            {
                diagnostics.Add(item, $"'{YamlText.Shorten(name)}' is listed twice in '{key}' of 'results'");
                continue;
            }
            if (taken.Contains(name, StringComparer.Ordinal))
            {
                diagnostics.Add(item, $"'{YamlText.Shorten(name)}' is in both 'by' and 'then_by' of 'results'; a split by a variable within itself shows nothing new");
                continue;
            }
            names.Add(name);
            if (margins.Any(m => m.Variable == name) || derived.ContainsKey(name) || survey is null)
            {
                continue;
            }
            if (!survey.Background.TryGetValue(name, out var question))
            {
                var known = margins.Select(m => m.Variable).Concat(derived.Keys).Concat(survey.Background.Keys).Distinct(StringComparer.Ordinal);
                diagnostics.Add(item, $"'{YamlText.Shorten(name)}' in '{key}' of 'results' is not a margin, a derived variable or a background variable of survey '{survey.Id}' (known: {string.Join(", ", known)})");
            }
            else if (question.Type is not ("single" or "dropdown" or "rating") || !question.Settings.Options.Any(o => !o.DontKnow))
            {
                diagnostics.Add(item, $"'{name}' in '{key}' of 'results': question '{question.Id}' is a '{question.Type}' question; a split needs a question with one option per respondent");
            }
        }
        return names;
    }

    private static double? ReadTotal(YamlMap map)
    {
        var text = map.Scalar("total");
        if (text is null)
        {
            return null;
        }
        if (!TryNumber(text, out var total))
        {
            map.Error("total", $"'total' must be a number (the population size), not '{YamlText.Shorten(text)}'");
            return null;
        }
        if (total <= 0)
        {
            map.Error("total", $"'total' must be positive (the population size), not {Format(total)}");
            return null;
        }
        return total;
    }

    private TargetMargin? ReadMargin(YamlNode keyNode, string variable, YamlNode node, double? total)
    {
        var what = $"margin '{YamlText.Shorten(variable)}'";
        if (survey is null && !SurveyContext.Background().IsMatch(variable))
        {
            diagnostics.Add(keyNode, $"{what}: a variable name has lower-case letters, digits and '_', starting with a letter (the survey's 'background:' name)");
        }
        var map = YamlMap.From(node, diagnostics, what);
        if (map is null)
        {
            return null;
        }
        DerivedFrom? derive = null;
        YamlNode? fromNode = null;
        YamlMap categories = map;
        var kind = Kind.Either;
        var longForm = map.Node.Children.Keys.Any(k => k is YamlScalarNode { Value: "derive" or "shares" or "counts" });
        if (longForm)
        {
            // Long form: { derive: ..., shares: {...} } or counts: {...}.
            if (map.Value("derive") is { } deriveNode)
            {
                (derive, fromNode) = ReadDerive(deriveNode, what);
            }
            var shares = map.Value("shares");
            var counts = map.Value("counts");
            map.ReportUnknown();
            if (shares is not null && counts is not null)
            {
                diagnostics.Add(map.KeyMark("counts"), $"{what} has both 'shares' and 'counts'; give one of them");
            }
            var valuesNode = shares ?? counts;
            if (valuesNode is null)
            {
                if (map.Node.Children.Keys.Any(k => k is not YamlScalarNode { Value: "derive" }))
                {
                    return null; // a misspelt 'shares' or 'counts', already reported as an unknown key
                }
                diagnostics.Add(map.Node, $"{what} needs 'shares:' (proportions) or 'counts:' (numbers of residents) per category");
                return null;
            }
            kind = shares is not null ? Kind.Shares : Kind.Counts;
            var valuesWhat = $"'{(shares is not null ? "shares" : "counts")}' of {what}";
            if (YamlMap.From(valuesNode, diagnostics, valuesWhat) is not { } valuesMap)
            {
                return null;
            }
            categories = valuesMap;
        }

        var values = ReadValues(categories, variable);
        if (values is null)
        {
            return null;
        }
        var sum = values.Values.Sum(v => v.Value);
        var valid = CheckSum(categories, what, kind, sum, total);
        if (!map.Has("derive"))
        {
            CheckAgainstSurvey(keyNode, variable, what, values);
        }
        else if (derive is not null)
        {
            CheckDerived(keyNode, variable, what, values, derive, fromNode!);
        }
        if (!valid || total is not { } t || sum <= 0)
        {
            return null;
        }
        var shareMap = values.ToDictionary(p => p.Key, p => p.Value.Value / sum, StringComparer.Ordinal);
        var totals = shareMap.ToDictionary(p => p.Key, p => p.Value * t, StringComparer.Ordinal);
        return new TargetMargin(variable, shareMap, totals, derive);
    }

    /// <summary>Category → value (with the key node for messages); null when there is nothing usable.</summary>
    private Dictionary<string, (double Value, YamlNode Key)>? ReadValues(YamlMap categories, string variable)
    {
        var result = new Dictionary<string, (double, YamlNode)>(StringComparer.Ordinal);
        if (categories.Node.Children.Count == 0)
        {
            diagnostics.Add(categories.Node, $"{categories.What} has no categories");
            return null;
        }
        var ok = true;
        foreach (var (keyNode, valueNode) in categories.Node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } category })
            {
                ok = false;
                continue;
            }
            categories.Has(category);
            if (valueNode is not YamlScalarNode { Value: { } text } || !TryNumber(text, out var value))
            {
                diagnostics.Add(valueNode, $"the target of '{YamlText.Shorten(category)}' in margin '{variable}' must be a number, not {YamlText.Describe(valueNode)}");
                ok = false;
                continue;
            }
            if (value < 0)
            {
                diagnostics.Add(valueNode, $"the target of '{YamlText.Shorten(category)}' in margin '{variable}' is negative ({Format(value)})");
                ok = false;
                continue;
            }
            result[category] = (value, keyNode);
        }
        return ok ? result : null;
    }

    private bool CheckSum(YamlMap categories, string what, Kind kind, double sum, double? total)
    {
        var isShares = Math.Abs(sum - 1) <= ShareTolerance;
        var isCounts = total is { } t && Math.Abs(sum - t) <= CountTolerance * t;
        switch (kind)
        {
            case Kind.Shares when !isShares:
                diagnostics.Add(categories.Node, $"the shares of {what} sum to {Format(sum)}, not 1 (±{Format(ShareTolerance)})");
                return false;
            case Kind.Counts when total is null:
                return false;
            case Kind.Counts when !isCounts:
                diagnostics.Add(categories.Node, $"the counts of {what} sum to {Format(sum)}, not the total {Format(total!.Value)} (±0.5%)");
                return false;
            case Kind.Either when !isShares && !isCounts:
                diagnostics.Add(categories.Node, total is null
                    ? $"{what} sums to {Format(sum)}: proportions must sum to 1 (±{Format(ShareTolerance)})"
                    : $"{what} sums to {Format(sum)}: proportions must sum to 1 (±{Format(ShareTolerance)}), counts to the total {Format(total.Value)} (±0.5%)");
                return false;
            default:
                return true;
        }
    }

    private (DerivedFrom?, YamlNode?) ReadDerive(YamlNode node, string what)
    {
        var map = YamlMap.From(node, diagnostics, $"'derive' of {what}");
        if (map is null)
        {
            return (null, null);
        }
        map.Require("from", "grouping");
        var from = map.Scalar("from");
        var grouping = map.Scalar("grouping");
        map.ReportUnknown();
        if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(grouping))
        {
            return (null, null);
        }
        if (groups is not null && !groups.Groupings.ContainsKey(grouping))
        {
            map.Error("grouping", $"'derive' of {what}: unknown grouping '{YamlText.Shorten(grouping)}' (groupings in {Path.GetFileName(groups.SourceFile)}: {string.Join(", ", groups.Groupings.Keys)})");
            return (null, null);
        }
        if (survey is not null && !survey.Background.ContainsKey(from))
        {
            map.Error("from", $"'derive' of {what}: '{YamlText.Shorten(from)}' is not a background variable of survey '{survey.Id}' ({BackgroundList()})");
            return (null, null);
        }
        return (new DerivedFrom(from, grouping), map.Value("from"));
    }

    private void CheckAgainstSurvey(YamlNode keyNode, string variable, string what, Dictionary<string, (double Value, YamlNode Key)> values)
    {
        if (survey is null)
        {
            return;
        }
        if (!survey.Background.TryGetValue(variable, out var question))
        {
            diagnostics.Add(keyNode, $"{what}: '{YamlText.Shorten(variable)}' is not a background variable of survey '{survey.Id}' ({BackgroundList()})");
            return;
        }
        var options = question.Settings.Options;
        var substantive = options.Where(o => !o.DontKnow).Select(o => o.Code).ToList();
        if (question.Type is "multiple" or "matrix" || substantive.Count == 0)
        {
            diagnostics.Add(keyNode, question.Type is "multiple" or "matrix"
                ? $"{what}: question '{question.Id}' is a '{question.Type}' question; weighting needs a question with one answer per respondent"
                : $"{what}: question '{question.Id}' ({question.Type}) has no options to use as categories");
            return;
        }
        foreach (var (category, (_, categoryNode)) in values)
        {
            var option = options.FirstOrDefault(o => o.Code == category);
            if (option is null)
            {
                diagnostics.Add(categoryNode, $"category '{YamlText.Shorten(category)}' of {what} is not an option of question '{question.Id}' (options: {string.Join(", ", substantive)})");
            }
            else if (option.DontKnow)
            {
                diagnostics.Add(categoryNode, $"category '{category}' of {what} is a don't-know option of question '{question.Id}'; respondents who choose it are not weighted, so it has no target");
            }
        }
        foreach (var code in substantive.Where(c => !values.ContainsKey(c)))
        {
            diagnostics.Add(keyNode, $"{what} has no target for option '{code}' of question '{question.Id}'; respondents who chose it could not be weighted");
        }
    }

    private void CheckDerived(YamlNode keyNode, string variable, string what, Dictionary<string, (double Value, YamlNode Key)> values, DerivedFrom derive, YamlNode fromNode)
    {
        if (survey is not null && survey.Background.TryGetValue(variable, out var asked))
        {
            diagnostics.Add(keyNode, $"{what} is derived, but survey '{survey.Id}' also asks it (question '{asked.Id}'); remove 'derive' to use the answers, or give the derived margin another name");
        }
        if (groups is null || !groups.Groupings.TryGetValue(derive.Grouping, out var grouping))
        {
            return;
        }
        var groupCodes = grouping.GroupCodes.ToList();
        foreach (var (category, (_, categoryNode)) in values)
        {
            if (!groupCodes.Contains(category, StringComparer.Ordinal))
            {
                diagnostics.Add(categoryNode, $"category '{YamlText.Shorten(category)}' of {what} is not a group of grouping '{grouping.Name}' (groups: {string.Join(", ", groupCodes)})");
            }
        }
        foreach (var code in groupCodes.Where(c => !values.ContainsKey(c)))
        {
            diagnostics.Add(keyNode, $"{what} has no target for group '{code}' of grouping '{grouping.Name}'");
        }
        if (survey is null || !survey.Background.TryGetValue(derive.From, out var from))
        {
            return;
        }
        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in from.Settings.Options.Where(o => !o.DontKnow))
        {
            var group = option.Other ? grouping.OtherGroup : grouping.Map(option.Code);
            if (group is not null)
            {
                reached.Add(group);
            }
            else if (!option.Other)
            {
                diagnostics.Add(fromNode, $"option '{option.Code}' of question '{from.Id}' belongs to no group of grouping '{grouping.Name}'; respondents who chose it could not be weighted");
            }
        }
        foreach (var (category, (value, categoryNode)) in values)
        {
            if (value > 0 && groupCodes.Contains(category, StringComparer.Ordinal) && !reached.Contains(category))
            {
                diagnostics.Add(categoryNode, $"group '{category}' of {what} has a target, but no option of question '{from.Id}' belongs to it; weighting would fail");
            }
        }
    }

    private string BackgroundList() =>
        survey!.Background.Count == 0 ? "it has none" : "background variables: " + string.Join(", ", survey.Background.Keys);

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static string Format(double value) => Math.Round(value, 6).ToString(CultureInfo.InvariantCulture);
}
