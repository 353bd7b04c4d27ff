using Survey.Definitions.Conditions;
using YamlDotNet.RepresentationModel;

namespace Survey.Definitions.Loading;

/// <summary>
/// Reads a <c>show_if</c>. References are only recorded here (<see cref="ConditionUse"/>); whether the question exists,
/// comes earlier and has those codes is checked by <see cref="ConditionChecker"/> once every question has been read.
/// </summary>
/// <summary>Where a show_if is written: its page, and for a question's show_if the question's position in the survey.</summary>
internal readonly record struct ConditionOwner(int PageIndex, int? QuestionOrder);

internal static class ConditionReader
{
    private const int MaxDepth = 32;

    private static readonly string[] Forms = ["all", "any", "not", "question"];

    private static readonly string[] Tests = ["equals", "one_of", "answered", "less_than", "at_most", "greater_than", "at_least"];

    public static Condition? Read(SurveyContext context, YamlNode node, string owner, ConditionOwner place) =>
        Read(context, node, owner, place, 0);

    private static Condition? Read(SurveyContext context, YamlNode node, string owner, ConditionOwner place, int depth)
    {
        var diagnostics = context.Diagnostics;
        if (depth > MaxDepth)
        {
            diagnostics.Add(node, $"the show_if of {owner} is nested too deeply");
            return null;
        }
        var map = YamlMap.From(node, diagnostics, $"a condition of {owner}");
        if (map is null)
        {
            return null;
        }
        Condition? result;
        if (map.Value("all") is { } all)
        {
            result = ReadList(context, all, "all", owner, place, depth) is { } list ? new AllCondition(list) : null;
        }
        else if (map.Value("any") is { } any)
        {
            result = ReadList(context, any, "any", owner, place, depth) is { } list ? new AnyCondition(list) : null;
        }
        else if (map.Value("not") is { } not)
        {
            result = Read(context, not, owner, place, depth + 1) is { } inner ? new NotCondition(inner) : null;
        }
        else if (map.Has("question"))
        {
            result = ReadTest(context, map, owner, place);
        }
        else
        {
            foreach (var test in Tests)
            {
                map.Has(test);
            }
            var before = diagnostics.Count;
            map.ReportUnknown();
            if (diagnostics.Count == before)
            {
                diagnostics.Add(node, $"a condition of {owner} needs 'question', 'all', 'any' or 'not'");
            }
            return null;
        }
        var forms = Forms.Count(map.Has);
        if (forms > 1)
        {
            diagnostics.Add(node, $"a condition of {owner} has more than one of 'question', 'all', 'any' and 'not'; nest them instead");
        }
        map.ReportUnknown();
        return result;
    }

    private static List<Condition>? ReadList(SurveyContext context, YamlNode node, string key, string owner, ConditionOwner place, int depth)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            context.Diagnostics.Add(node, $"'{key}' in the show_if of {owner} must be a list of conditions");
            return null;
        }
        var list = new List<Condition>();
        foreach (var child in sequence.Children)
        {
            if (Read(context, child, owner, place, depth + 1) is { } condition)
            {
                list.Add(condition);
            }
        }
        return list.Count == sequence.Children.Count ? list : null;
    }

    private static Condition? ReadTest(SurveyContext context, YamlMap map, string owner, ConditionOwner place)
    {
        var question = map.Scalar("question");
        var questionNode = map.Value("question")!;
        var present = Tests.Where(map.Has).ToList();
        if (present.Count != 1)
        {
            var message = present.Count == 0
                ? $"the condition on question '{question}' needs one of: {string.Join(", ", Tests)}"
                : $"the condition on question '{question}' has {string.Join(" and ", present)}; use one test per condition (combine them with 'all' or 'any')";
            context.Diagnostics.Add(map.Node, message);
            return null;
        }
        if (string.IsNullOrEmpty(question))
        {
            if (question is not null)
            {
                context.Diagnostics.Add(questionNode, $"a condition of {owner} has an empty 'question'");
            }
            return null;
        }
        var test = present[0];
        var testNode = map.Value(test)!;
        var codes = new List<(string, YamlNode)>();
        Condition? condition = null;
        switch (test)
        {
            case "equals":
                if (map.Scalar(test) is { Length: > 0 } code)
                {
                    codes.Add((code, testNode));
                    condition = new EqualsCondition(question, code);
                }
                else
                {
                    map.Error(test, $"'equals' in the show_if of {owner} needs an option code");
                }
                break;
            case "one_of":
                if (testNode is YamlSequenceNode { Children.Count: > 0 } list && list.Children.All(c => c is YamlScalarNode s && !YamlText.IsNull(s)))
                {
                    codes.AddRange(list.Children.Select(c => (((YamlScalarNode)c).Value ?? string.Empty, c)));
                    condition = new OneOfCondition(question, [.. codes.Select(c => c.Item1)]);
                }
                else
                {
                    map.Error(test, $"'one_of' in the show_if of {owner} needs a list of option codes, such as [a, b]");
                }
                break;
            case "answered":
                condition = map.Boolean(test, true) ? new AnsweredCondition(question) : new NotCondition(new AnsweredCondition(question));
                break;
            default:
                if (map.Decimal(test) is { } value)
                {
                    condition = new CompareCondition(question, ToComparison(test), value);
                }
                break;
        }
        context.ConditionUses.Add(new ConditionUse(owner, place.PageIndex, place.QuestionOrder, question, questionNode, test, testNode, codes));
        return condition;
    }

    private static Comparison ToComparison(string test) => test switch
    {
        "less_than" => Comparison.LessThan,
        "at_most" => Comparison.AtMost,
        "greater_than" => Comparison.GreaterThan,
        _ => Comparison.AtLeast,
    };
}

/// <summary>Checks recorded condition references against the questions of the whole survey.</summary>
internal static class ConditionChecker
{
    public static void Check(SurveyContext context)
    {
        foreach (var use in context.ConditionUses)
        {
            var diagnostics = context.Diagnostics;
            if (!context.Questions.TryGetValue(use.Question, out var target))
            {
                diagnostics.Add(use.QuestionNode, $"the show_if of {use.Owner} refers to unknown question '{use.Question}'");
                continue;
            }
            if (target.PageIndex == use.PageIndex)
            {
                // Respondents see a page at once and the flow works without JavaScript, so an answer on this page
                // cannot change what this page shows.
                diagnostics.Add(use.QuestionNode, $"the show_if of {use.Owner} refers to question '{use.Question}' on the same page; a condition can only use answers from earlier pages");
                continue;
            }
            if (target.PageIndex > use.PageIndex || (target.PageIndex == use.PageIndex && target.Order >= use.OwnerOrder))
            {
                diagnostics.Add(use.QuestionNode, $"the show_if of {use.Owner} refers to question '{use.Question}', which does not come before it; a condition can only use earlier answers");
                continue;
            }
            if (!target.KnownType)
            {
                continue;
            }
            var settings = target.Question.Settings;
            if (use.Codes.Count > 0)
            {
                var options = settings.Options.Select(o => o.Code).ToList();
                foreach (var (code, node) in use.Codes)
                {
                    if (!options.Contains(code, StringComparer.Ordinal))
                    {
                        var list = options.Count == 0 ? $"it is a {target.Question.Type} question without options" : "options: " + string.Join(", ", options);
                        diagnostics.Add(node, $"code '{code}' in the show_if of {use.Owner} is not an option of question '{use.Question}' ({list})");
                    }
                }
            }
            if (use.Test is "less_than" or "at_most" or "greater_than" or "at_least" && !settings.IsNumeric)
            {
                diagnostics.Add(use.TestNode, $"'{use.Test}' in the show_if of {use.Owner} needs a number, rating or year question; '{use.Question}' is a {target.Question.Type} question");
            }
        }
    }
}
