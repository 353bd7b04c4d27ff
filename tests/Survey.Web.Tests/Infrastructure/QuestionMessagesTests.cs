using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Survey.Definitions;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;
using Survey.Web.Infrastructure;

namespace Survey.Web.Tests.Infrastructure;

/// <summary>"Please answer" says what to do for the kind of question, in the respondent's language, from locales/.</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class QuestionMessagesTests(SurveyAppFactory app)
{
    private const string Yaml = """
        id: messages
        version: 1
        languages: [nl, en]
        title: { nl: T, en: T }
        introduction: { nl: I, en: I }
        closing: { nl: C, en: C }
        pages:
          - id: p1
            questions:
              - id: mark
                type: rating
                min: 1
                max: 10
                required: true
                text: { nl: Cijfer, en: Mark }
                options:
                  - { code: dk, dont_know: true, text: { nl: Weet ik niet, en: Don't know } }
              - id: grid
                type: matrix
                required: true
                text: { nl: Stellingen, en: Statements }
                items:
                  - { code: a, text: { nl: A, en: A } }
                options:
                  - { code: "1", text: { nl: Eens, en: Agree } }
              - id: count
                type: number
                number: integer
                min: 0
                max: 20
                required: true
                text: { nl: Aantal, en: Number }
              - id: day
                type: date
                required: true
                text: { nl: Dag, en: Day }
        """;

    [Theory]
    [InlineData("nl", "mark", "mark", "Kies een cijfer van 1 tot en met 10, of ‘Weet ik niet’.")]
    [InlineData("en", "mark", "mark", "Choose a mark from 1 to 10, or ‘Don't know’.")]
    [InlineData("nl", "grid", "grid:a", "Kies een antwoord bij deze stelling.")]
    [InlineData("nl", "count", "count", "Vul een getal in van 0 tot en met 20.")]
    [InlineData("en", "day", "day", "Enter the date: the day, the month and the year.")]
    public void For_RequiredLeftOpen_SaysWhatToDoForThatQuestion(string language, string questionId, string field, string expected)
    {
        var loaded = SurveyLoader.Load(Yaml, "messages.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        var question = loaded.Survey!.FindQuestion(questionId)!;
        var messages = app.Services.GetRequiredService<QuestionMessages>();
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);

            var message = messages.For(question, new AnswerError(field, MessageKeys.Required, []), new LanguageTag(language));

            Assert.Equal(expected, message);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
