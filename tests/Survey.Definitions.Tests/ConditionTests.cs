using Survey.Definitions.Answers;
using Survey.Definitions.Conditions;

namespace Survey.Definitions.Tests;

public sealed class ConditionTests
{
    private static readonly AnswerSet Answers = AnswerSet.Empty
        .With("colour", [new AnswerValue(null, "blue", null)])
        .With("pets", [new AnswerValue(null, "cat", null), new AnswerValue(null, "dog", null)])
        .With("age", [new AnswerValue(null, null, "42")])
        .With("mark", [new AnswerValue(null, "7", null)])
        .With("years", [new AnswerValue(null, "dk", null)]);

    [Theory]
    [InlineData("colour", "blue", true)]
    [InlineData("colour", "red", false)]
    [InlineData("pets", "dog", true)]
    [InlineData("unanswered", "blue", false)]
    public void Evaluate_Equals_MatchesChosenCode(string question, string code, bool expected)
    {
        Assert.Equal(expected, new EqualsCondition(question, code).Evaluate(Answers));
    }

    [Theory]
    [InlineData("colour", new[] { "red", "blue" }, true)]
    [InlineData("pets", new[] { "fish", "cat" }, true)]
    [InlineData("pets", new[] { "fish" }, false)]
    [InlineData("unanswered", new[] { "a" }, false)]
    public void Evaluate_OneOf_MatchesAnyCode(string question, string[] codes, bool expected)
    {
        Assert.Equal(expected, new OneOfCondition(question, codes).Evaluate(Answers));
    }

    [Theory]
    [InlineData("age", Comparison.LessThan, 42, false)]
    [InlineData("age", Comparison.AtMost, 42, true)]
    [InlineData("age", Comparison.GreaterThan, 41.5, true)]
    [InlineData("age", Comparison.AtLeast, 43, false)]
    [InlineData("mark", Comparison.AtLeast, 7, true)]
    [InlineData("years", Comparison.LessThan, 100, false)]
    [InlineData("unanswered", Comparison.LessThan, 100, false)]
    public void Evaluate_Compare_UsesNumericAnswerAndIsFalseForDontKnowOrUnanswered(string question, Comparison comparison, double value, bool expected)
    {
        Assert.Equal(expected, new CompareCondition(question, comparison, (decimal)value).Evaluate(Answers));
    }

    [Fact]
    public void Evaluate_AllAnyNot_Combine()
    {
        var isBlue = new EqualsCondition("colour", "blue");
        var isRed = new EqualsCondition("colour", "red");

        Assert.True(new AllCondition([isBlue, new NotCondition(isRed)]).Evaluate(Answers));
        Assert.False(new AllCondition([isBlue, isRed]).Evaluate(Answers));
        Assert.True(new AnyCondition([isRed, isBlue]).Evaluate(Answers));
        Assert.False(new AnyCondition([isRed]).Evaluate(Answers));
    }

    [Fact]
    public void Evaluate_NotOnUnansweredQuestion_IsTrue()
    {
        Assert.True(new NotCondition(new EqualsCondition("unanswered", "x")).Evaluate(Answers));
        Assert.False(new AnsweredCondition("unanswered").Evaluate(Answers));
        Assert.True(new AnsweredCondition("years").Evaluate(Answers));
    }

    [Fact]
    public void Load_AnsweredFalse_IsNotAnswered()
    {
        var survey = TestSurveys.Load("""
            pages:
              - id: p1
                questions:
                  - { id: a, type: text, text: { nl: A, en: A } }
              - id: p2
                show_if: { question: a, answered: false }
                questions:
                  - { id: b, type: text, text: { nl: B, en: B } }
            """);

        Assert.Equal(new NotCondition(new AnsweredCondition("a")), survey.Pages[1].ShowIf);
    }

    [Fact]
    public void ReferencedQuestions_Nested_ListsEveryQuestion()
    {
        var condition = new AllCondition([new EqualsCondition("a", "1"), new NotCondition(new AnyCondition([new AnsweredCondition("b")]))]);

        Assert.Equal(["a", "b"], condition.ReferencedQuestions());
    }
}
