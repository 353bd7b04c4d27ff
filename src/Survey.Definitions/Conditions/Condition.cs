using Survey.Definitions.Answers;

namespace Survey.Definitions.Conditions;

/// <summary>
/// When a page or question is shown. A condition on an unanswered question is false; its negation is true.
/// </summary>
public abstract record Condition
{
    public abstract bool Evaluate(AnswerSet answers);

    /// <summary>The ids of the questions this condition reads.</summary>
    public abstract IEnumerable<string> ReferencedQuestions();
}

/// <summary>The answer is <see cref="Code"/>, or for several answers: <see cref="Code"/> is among them.</summary>
public sealed record EqualsCondition(string Question, string Code) : Condition
{
    public override bool Evaluate(AnswerSet answers) => answers.Codes(Question).Contains(Code, StringComparer.Ordinal);
    public override IEnumerable<string> ReferencedQuestions() => [Question];
}

/// <summary>The answer is one of <see cref="Codes"/> (for several answers: any of them is chosen).</summary>
public sealed record OneOfCondition(string Question, IReadOnlyList<string> Codes) : Condition
{
    public override bool Evaluate(AnswerSet answers) => answers.Codes(Question).Any(c => Codes.Contains(c, StringComparer.Ordinal));
    public override IEnumerable<string> ReferencedQuestions() => [Question];
}

/// <summary>The question has any answer.</summary>
public sealed record AnsweredCondition(string Question) : Condition
{
    public override bool Evaluate(AnswerSet answers) => answers.Get(Question).Count > 0;
    public override IEnumerable<string> ReferencedQuestions() => [Question];
}

public enum Comparison
{
    LessThan,
    AtMost,
    GreaterThan,
    AtLeast,
}

/// <summary>A numeric answer (number, rating, year) compares to <see cref="Value"/>. A don't-know code is not a number: false.</summary>
public sealed record CompareCondition(string Question, Comparison Comparison, decimal Value) : Condition
{
    public override bool Evaluate(AnswerSet answers)
    {
        var number = answers.Number(Question);
        if (number is not { } x)
        {
            return false;
        }
        return Comparison switch
        {
            Comparison.LessThan => x < Value,
            Comparison.AtMost => x <= Value,
            Comparison.GreaterThan => x > Value,
            Comparison.AtLeast => x >= Value,
            _ => false,
        };
    }

    public override IEnumerable<string> ReferencedQuestions() => [Question];
}

public sealed record AllCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public override bool Evaluate(AnswerSet answers) => Conditions.All(c => c.Evaluate(answers));
    public override IEnumerable<string> ReferencedQuestions() => Conditions.SelectMany(c => c.ReferencedQuestions());
}

public sealed record AnyCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public override bool Evaluate(AnswerSet answers) => Conditions.Any(c => c.Evaluate(answers));
    public override IEnumerable<string> ReferencedQuestions() => Conditions.SelectMany(c => c.ReferencedQuestions());
}

public sealed record NotCondition(Condition Inner) : Condition
{
    public override bool Evaluate(AnswerSet answers) => !Inner.Evaluate(answers);
    public override IEnumerable<string> ReferencedQuestions() => Inner.ReferencedQuestions();
}
