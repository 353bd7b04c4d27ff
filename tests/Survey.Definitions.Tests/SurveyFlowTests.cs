using Survey.Definitions.Answers;
using Survey.Definitions.Model;

namespace Survey.Definitions.Tests;

public sealed class SurveyFlowTests
{
    // p1: colour; p2 (only when blue): shade; p2b: why (only when shade is dark); p3: follow_up (only when why answered);
    // p4: last. Pages whose questions are all hidden are skipped.
    private static readonly SurveyDefinition Survey = TestSurveys.Load("""
        pages:
          - id: p1
            questions:
              - id: colour
                type: single
                text: { nl: Kleur, en: Colour }
                options:
                  - { code: red, text: { nl: Rood, en: Red } }
                  - { code: blue, text: { nl: Blauw, en: Blue } }
          - id: p2
            show_if: { question: colour, equals: blue }
            questions:
              - id: shade
                type: single
                text: { nl: Tint, en: Shade }
                options:
                  - { code: dark, text: { nl: Donker, en: Dark } }
                  - { code: light, text: { nl: Licht, en: Light } }
          - id: p2b
            questions:
              - id: why
                type: text
                show_if: { question: shade, equals: dark }
                text: { nl: Waarom, en: Why }
          - id: p3
            questions:
              - id: follow_up
                type: text
                show_if: { question: why, answered: true }
                text: { nl: Meer, en: More }
          - id: p4
            questions:
              - { id: last, type: text, text: { nl: Laatste, en: Last } }
        """);

    private static readonly SurveyFlow Flow = new(Survey);

    private static AnswerSet Answer(AnswerSet set, string id, string? code, string? text = null) => set.With(id, [new AnswerValue(null, code, text)]);

    [Fact]
    public void VisiblePages_NoAnswers_SkipsConditionalPageAndPageWithoutVisibleQuestions()
    {
        Assert.Equal(["p1", "p4"], Flow.VisiblePages(AnswerSet.Empty).Select(p => p.Id));
    }

    [Fact]
    public void VisiblePages_ConditionsHold_ShowsThem()
    {
        var answers = Answer(Answer(Answer(AnswerSet.Empty, "colour", "blue"), "shade", "dark"), "why", null, "mooi");

        Assert.Equal(["p1", "p2", "p2b", "p3", "p4"], Flow.VisiblePages(answers).Select(p => p.Id));
    }

    [Fact]
    public void VisibleQuestions_QuestionCondition_HidesQuestion()
    {
        var light = Answer(Answer(AnswerSet.Empty, "colour", "blue"), "shade", "light");
        var dark = Answer(Answer(AnswerSet.Empty, "colour", "blue"), "shade", "dark");

        Assert.Empty(Flow.VisibleQuestions(Survey.Pages[2], light));
        Assert.Equal(["why"], Flow.VisibleQuestions(Survey.Pages[2], dark).Select(q => q.Id));
        Assert.Equal(["p1", "p2", "p4"], Flow.VisiblePages(light).Select(p => p.Id));
    }

    [Fact]
    public void NextPage_SkipsHiddenPages()
    {
        Assert.Equal("p4", Flow.NextPage("p1", AnswerSet.Empty)?.Id);
        Assert.Equal("p2", Flow.NextPage("p1", Answer(AnswerSet.Empty, "colour", "blue"))?.Id);
        Assert.Null(Flow.NextPage("p4", AnswerSet.Empty));
        Assert.Null(Flow.NextPage("nope", AnswerSet.Empty));
    }

    [Fact]
    public void PreviousPage_SkipsHiddenPages()
    {
        Assert.Equal("p1", Flow.PreviousPage("p4", AnswerSet.Empty)?.Id);
        Assert.Null(Flow.PreviousPage("p1", AnswerSet.Empty));
    }

    [Fact]
    public void Prune_ChangedEarlyAnswer_DropsHiddenAnswersToFixedPoint()
    {
        // colour changed from blue to red: p2 hides, so shade and why go, and follow_up (which depended on why) goes too.
        var answers = Answer(Answer(Answer(Answer(Answer(AnswerSet.Empty, "colour", "red"), "shade", "dark"), "why", null, "x"), "follow_up", null, "y"), "last", null, "z");

        var pruned = Flow.Prune(answers);

        Assert.Equal(["colour", "last"], pruned.ByQuestion.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Prune_UnknownQuestion_IsDropped()
    {
        var pruned = Flow.Prune(Answer(Answer(AnswerSet.Empty, "colour", "red"), "ghost", "x"));

        Assert.Equal(["colour"], pruned.ByQuestion.Keys);
    }
}
