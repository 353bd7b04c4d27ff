using Survey.Definitions.Answers;
using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes;
using YamlDotNet.RepresentationModel;

namespace Survey.Definitions.Loading;

/// <summary>Reads one question: the keys every question has, then the type's own keys through its <see cref="IQuestionType"/>.</summary>
internal static class QuestionReader
{
    public static QuestionDefinition? Read(SurveyContext context, YamlNode node, int pageIndex)
    {
        var diagnostics = context.Diagnostics;
        var order = context.QuestionCount++;
        var peeked = YamlMap.Peek(node, "id");
        var what = peeked is null ? "a question" : $"question '{YamlText.Shorten(peeked)}'";
        var map = YamlMap.From(node, diagnostics, what);
        if (map is null)
        {
            return null;
        }
        map.Require("id", "type", "text");
        var id = map.Scalar("id");
        var idValid = id is not null && SurveyContext.QuestionId().IsMatch(id);
        if (id is not null && !idValid)
        {
            map.Error("id", $"question id '{YamlText.Shorten(id)}' may only contain letters, digits and '_', starting with a letter");
        }

        var typeName = map.Scalar("type");
        IQuestionType? type = null;
        if (typeName is not null && !context.Registry.TryGet(typeName, out type))
        {
            map.Error("type", $"unknown question type '{YamlText.Shorten(typeName)}' (known types: {string.Join(", ", context.Registry.Names)})");
        }

        var text = LocalizedTextReader.Read(context, map, "text", what, markdown: false);
        var help = LocalizedTextReader.Read(context, map, "help", $"{what} help", markdown: true);
        var required = map.Boolean("required", false);
        var showIf = map.Value("show_if") is { } conditionNode ? ConditionReader.Read(context, conditionNode, what, new ConditionOwner(pageIndex, order)) : null;
        var background = ReadBackground(context, map, what);
        var messages = ReadMessages(context, map, what);

        QuestionSettings settings = UnknownTypeSettings.Instance;
        if (type is not null)
        {
            settings = type.ReadSettings(new QuestionSettingsReader(context, map, id ?? string.Empty, type.Name));
            // Only a known type knows its keys; with an unknown type every other key would look unknown.
            map.ReportUnknown();
        }

        var question = new QuestionDefinition(
            id ?? string.Empty,
            typeName ?? string.Empty,
            text ?? new LocalizedText(new Dictionary<string, string>()),
            help,
            required,
            showIf,
            background,
            messages,
            settings);
        if (idValid)
        {
            var idNode = map.Value("id")!;
            if (context.Questions.TryGetValue(id!, out var first))
            {
                map.Error("id", $"duplicate question id '{id}' (first at line {first.IdNode.Start.Line})");
            }
            else
            {
                context.Questions[id!] = new QuestionPlace(question, pageIndex, order, idNode, type is not null);
            }
        }
        return question;
    }

    private static string? ReadBackground(SurveyContext context, YamlMap map, string what)
    {
        var background = map.Scalar("background");
        if (background is null)
        {
            return null;
        }
        if (!SurveyContext.Background().IsMatch(background))
        {
            map.Error("background", $"background name '{YamlText.Shorten(background)}' of {what} may only contain lower-case letters, digits and '_', starting with a letter");
        }
        else if (context.Backgrounds.TryGetValue(background, out var first))
        {
            map.Error("background", $"background '{background}' is already used at line {first.Start.Line}; a name may be used once per survey");
        }
        else
        {
            context.Backgrounds[background] = map.Value("background")!;
        }
        return background;
    }

    private static Dictionary<string, LocalizedText> ReadMessages(SurveyContext context, YamlMap map, string what)
    {
        var result = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        if (map.Value("messages") is not { } node)
        {
            return result;
        }
        var messages = YamlMap.From(node, context.Diagnostics, $"'messages' of {what}");
        if (messages is null)
        {
            return result;
        }
        foreach (var key in MessageKeys.All)
        {
            if (LocalizedTextReader.Read(context, messages, key, $"{what} message '{key}'", markdown: false) is { } text)
            {
                result[key] = text;
            }
        }
        foreach (var (keyNode, _) in messages.Node.Children)
        {
            if (keyNode is YamlScalarNode { Value: { } name } && !MessageKeys.All.Contains(name, StringComparer.Ordinal))
            {
                context.Diagnostics.Add(keyNode, $"unknown message '{YamlText.Shorten(name)}' in {what} (messages: {string.Join(", ", MessageKeys.All)})");
            }
        }
        return result;
    }

    /// <summary>Settings of a question whose type is unknown; such a survey is never returned, this only lets reading go on.</summary>
    private sealed record UnknownTypeSettings : QuestionSettings
    {
        public static UnknownTypeSettings Instance { get; } = new();
    }
}
