using Survey.Definitions.Answers;
using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes;

namespace Survey.Definitions.Tests;

/// <summary>Builds surveys from YAML snippets, and forms from field values, for the unit tests.</summary>
internal static class TestSurveys
{
    public const string Header = """
        id: test
        version: 1
        languages: [nl, en]
        title: { nl: Titel, en: Title }
        introduction: { nl: Welkom, en: Welcome }
        closing: { nl: Dank, en: Thanks }

        """;

    /// <summary>Loads a survey; fails the test with the diagnostics when it is not valid.</summary>
    public static SurveyDefinition Load(string pagesYaml)
    {
        var result = SurveyLoader.Load(Header + pagesYaml, "test.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        return result.Survey!;
    }

    /// <summary>A survey with one page holding one question written as the YAML lines of a question mapping.</summary>
    public static QuestionDefinition Question(string questionYaml)
    {
        var indented = string.Join("\n", questionYaml.ReplaceLineEndings("\n").Split('\n').Select(l => "        " + l));
        var survey = Load("pages:\n  - id: p1\n    questions:\n      -\n" + indented + "\n");
        return survey.Pages[0].Questions[0];
    }

    public static AnswerParseResult Parse(QuestionDefinition question, params (string Field, string[] Values)[] fields) =>
        QuestionTypeRegistry.Default.Get(question.Type).ParseAnswer(question, Form(fields));

    public static IFormInput Form(params (string Field, string[] Values)[] fields) =>
        new DictionaryFormInput(fields.ToDictionary(f => f.Field, f => f.Values, StringComparer.Ordinal));

    public static AnswerError SingleError(AnswerParseResult result)
    {
        Assert.Empty(result.Values);
        return Assert.Single(result.Errors);
    }
}
