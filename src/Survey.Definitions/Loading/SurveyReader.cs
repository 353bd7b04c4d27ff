using Survey.Definitions.Model;
using YamlDotNet.RepresentationModel;

namespace Survey.Definitions.Loading;

/// <summary>Reads the survey level: id, version, languages, texts, option sets and pages.</summary>
internal static class SurveyReader
{
    private static readonly string[] RequiredLanguages = ["nl", "en"];

    /// <summary>The last segment of the check-your-answers page's address, so no survey page may have it as its id.</summary>
    internal const string ReservedPageId = "check";

    public static SurveyDefinition? Read(SurveyContext context, YamlNode root)
    {
        var diagnostics = context.Diagnostics;
        var map = YamlMap.From(root, diagnostics, "the survey");
        if (map is null)
        {
            return null;
        }
        map.Require("id", "version", "languages", "title", "introduction", "closing", "pages");

        var id = map.Scalar("id");
        if (id is not null && !SurveyContext.SurveyId().IsMatch(id))
        {
            map.Error("id", $"survey id '{YamlText.Shorten(id)}' may only contain lower-case letters, digits and '-'");
        }
        var version = map.Integer("version");
        if (version is < 1)
        {
            map.Error("version", $"'version' must be 1 or more, not {version}");
        }
        ReadLanguages(context, map);
        var status = SurveyStatus.Open;
        switch (map.Scalar("status"))
        {
            case null or "open":
                break;
            case "closed":
                status = SurveyStatus.Closed;
                break;
            case var other:
                map.Error("status", $"'status' must be 'open' or 'closed', not '{YamlText.Shorten(other)}'");
                break;
        }
        var minCell = map.Integer("min_cell") ?? 10;
        if (minCell < 1)
        {
            map.Error("min_cell", $"'min_cell' must be 1 or more, not {minCell}");
        }
        var title = LocalizedTextReader.Read(context, map, "title", "the survey title", markdown: false);
        var introduction = LocalizedTextReader.Read(context, map, "introduction", "the survey introduction", markdown: true);
        var closing = LocalizedTextReader.Read(context, map, "closing", "the survey closing", markdown: true);
        if (map.Value("option_sets") is { } sets)
        {
            ReadOptionSets(context, sets);
        }
        var pages = map.Value("pages") is { } pagesNode ? ReadPages(context, pagesNode) : [];
        map.ReportUnknown();
        ConditionChecker.Check(context);

        if (diagnostics.Count > 0)
        {
            return null;
        }
        return new SurveyDefinition(
            id!,
            version!.Value,
            [.. context.Languages.Select(l => new LanguageTag(l))],
            status,
            title!,
            introduction!,
            closing!,
            pages,
            minCell,
            diagnostics.File);
    }

    private static void ReadLanguages(SurveyContext context, YamlMap map)
    {
        var node = map.Value("languages");
        if (node is null)
        {
            return;
        }
        if (node is not YamlSequenceNode sequence)
        {
            map.Error("languages", $"'languages' must be a list such as [nl, en], not {YamlText.Describe(node)}");
            return;
        }
        var languages = new List<string>();
        foreach (var child in sequence.Children)
        {
            var value = (child as YamlScalarNode)?.Value;
            if (!LanguageTag.TryCreate(value, out _))
            {
                context.Diagnostics.Add(child, $"'{YamlText.Shorten(value ?? YamlText.Describe(child))}' in 'languages' is not a language tag (such as nl, en or pt-BR)");
            }
            else if (languages.Contains(value!, StringComparer.Ordinal))
            {
                context.Diagnostics.Add(child, $"language '{value}' is listed twice in 'languages'");
            }
            else
            {
                languages.Add(value!);
            }
        }
        var missing = RequiredLanguages.Where(l => !languages.Contains(l, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            map.Error("languages", $"'languages' must include nl and en (missing: {string.Join(", ", missing)})");
        }
        // Check texts against what was declared; with nl or en missing, still demand them so the errors stay useful.
        context.Languages = [.. languages.Union(missing, StringComparer.Ordinal)];
    }

    private static void ReadOptionSets(SurveyContext context, YamlNode node)
    {
        var map = YamlMap.From(node, context.Diagnostics, "option_sets");
        if (map is null)
        {
            return;
        }
        foreach (var (keyNode, value) in map.Node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } name })
            {
                continue;
            }
            map.Has(name);
            if (!SurveyContext.QuestionId().IsMatch(name.Replace('-', '_')))
            {
                context.Diagnostics.Add(keyNode, $"option set name '{YamlText.Shorten(name)}' may only contain letters, digits, '_' and '-', starting with a letter");
            }
            var options = OptionReader.ReadList(context, value, $"option set '{name}'", items: false, allowOther: true);
            context.OptionSets[name] = new OptionSet(name, options ?? [], keyNode);
        }
    }

    private static List<PageDefinition> ReadPages(SurveyContext context, YamlNode node)
    {
        var pages = new List<PageDefinition>();
        if (node is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            context.Diagnostics.Add(node, node is YamlSequenceNode ? "the survey has no pages" : $"'pages' must be a list of pages, not {YamlText.Describe(node)}");
            return pages;
        }
        var pageIds = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var child in sequence.Children)
        {
            var pageIndex = pages.Count;
            var peeked = YamlMap.Peek(child, "id");
            var what = peeked is null ? "a page" : $"page '{YamlText.Shorten(peeked)}'";
            var map = YamlMap.From(child, context.Diagnostics, what);
            if (map is null)
            {
                pages.Add(new PageDefinition(string.Empty, null, null, []));
                continue;
            }
            map.Require("id", "questions");
            var id = map.Scalar("id");
            if (id is not null)
            {
                if (!SurveyContext.PageId().IsMatch(id))
                {
                    map.Error("id", $"page id '{YamlText.Shorten(id)}' may only contain letters, digits, '_' and '-'");
                }
                else if (string.Equals(id, ReservedPageId, StringComparison.OrdinalIgnoreCase))
                {
                    // The respondent pages use /{lang}/{survey}/{code}/check for "check your answers".
                    map.Error("id", $"page id '{id}' is reserved for the check-your-answers page; choose another id");
                }
                else if (pageIds.TryGetValue(id, out var first))
                {
                    map.Error("id", $"duplicate page id '{id}' (first at line {first.Start.Line})");
                }
                else
                {
                    pageIds[id] = map.Value("id")!;
                }
            }
            var title = LocalizedTextReader.Read(context, map, "title", $"{what} title", markdown: false);
            var showIf = map.Value("show_if") is { } condition ? ConditionReader.Read(context, condition, what, new ConditionOwner(pageIndex, null)) : null;
            var questions = new List<QuestionDefinition>();
            if (map.Value("questions") is { } questionsNode)
            {
                if (questionsNode is YamlSequenceNode { Children.Count: > 0 } list)
                {
                    questions.AddRange(list.Children.Select(q => QuestionReader.Read(context, q, pageIndex)).OfType<QuestionDefinition>());
                }
                else
                {
                    context.Diagnostics.Add(questionsNode, questionsNode is YamlSequenceNode ? $"{what} has no questions" : $"'questions' of {what} must be a list of questions, not {YamlText.Describe(questionsNode)}");
                }
            }
            map.ReportUnknown();
            pages.Add(new PageDefinition(id ?? string.Empty, title, showIf, questions));
        }
        return pages;
    }
}
