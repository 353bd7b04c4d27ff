using System.Globalization;

namespace Survey.Definitions.Answers;

/// <summary>
/// One stored piece of an answer. Single/dropdown/rating: <c>(null, code, otherText?)</c>; multiple: one per chosen code;
/// matrix: <c>(item, code, null)</c> per item; number/text/date/year: <c>(null, null, text)</c> where numbers and dates are
/// written invariantly (<c>3.5</c>, <c>2024-05-01</c>, <c>1990</c>); a don't-know code on a number question is <c>(null, code, null)</c>.
/// </summary>
public sealed record AnswerValue(string? Item, string? Code, string? Text);

/// <summary>The answers given so far, by question id. Immutable: <see cref="With"/> returns a new set.</summary>
public sealed class AnswerSet
{
    private readonly Dictionary<string, IReadOnlyList<AnswerValue>> _byQuestion;

    public static AnswerSet Empty { get; } = new(new Dictionary<string, IReadOnlyList<AnswerValue>>());

    public AnswerSet(IReadOnlyDictionary<string, IReadOnlyList<AnswerValue>> byQuestion)
    {
        ArgumentNullException.ThrowIfNull(byQuestion);
        _byQuestion = byQuestion.Where(kv => kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<AnswerValue>> ByQuestion => _byQuestion;

    public IReadOnlyList<AnswerValue> Get(string questionId) =>
        _byQuestion.TryGetValue(questionId, out var values) ? values : [];

    public IEnumerable<string> Codes(string questionId) => Get(questionId).Where(v => v.Code is not null).Select(v => v.Code!);

    /// <summary>The numeric value of a number, rating or year answer; null when unanswered or a don't-know code.</summary>
    public decimal? Number(string questionId)
    {
        var values = Get(questionId);
        if (values.Count == 0)
        {
            return null;
        }
        var first = values[0];
        var raw = first.Text ?? first.Code;
        return decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    public AnswerSet With(string questionId, IReadOnlyList<AnswerValue> values)
    {
        var copy = new Dictionary<string, IReadOnlyList<AnswerValue>>(_byQuestion, StringComparer.Ordinal) { [questionId] = values };
        return new AnswerSet(copy);
    }

    public AnswerSet Without(IEnumerable<string> questionIds)
    {
        var copy = new Dictionary<string, IReadOnlyList<AnswerValue>>(_byQuestion, StringComparer.Ordinal);
        foreach (var id in questionIds)
        {
            copy.Remove(id);
        }
        return new AnswerSet(copy);
    }
}
