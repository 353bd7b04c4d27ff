using System.Text.Json;
using Survey.Data;
using Survey.Definitions.Answers;

namespace Survey.Web.Pages.Respond;

/// <summary>Reads and writes the answers and reached pages kept in a <see cref="Draft"/> as JSON.</summary>
public static class DraftAnswers
{
    public static AnswerSet Read(Draft draft)
    {
        var byQuestion = JsonSerializer.Deserialize<Dictionary<string, List<AnswerValue>>>(draft.AnswersJson) ?? [];
        return new AnswerSet(byQuestion.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<AnswerValue>)kv.Value, StringComparer.Ordinal));
    }

    public static void Write(Draft draft, AnswerSet answers) =>
        draft.AnswersJson = JsonSerializer.Serialize(answers.ByQuestion);

    public static IReadOnlyList<string> ReachedPages(Draft draft) =>
        JsonSerializer.Deserialize<List<string>>(draft.ReachedPages) ?? [];

    public static void Reach(Draft draft, string pageId)
    {
        var reached = ReachedPages(draft).ToList();
        if (!reached.Contains(pageId, StringComparer.Ordinal))
        {
            reached.Add(pageId);
            draft.ReachedPages = JsonSerializer.Serialize(reached);
        }
    }
}
