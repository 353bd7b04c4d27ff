using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes.Choice;

namespace Survey.Definitions.Answers;

/// <summary>
/// Which pages and questions a respondent sees given the answers so far, and the way forward and back. A page is shown
/// when its show_if holds and at least one of its questions is shown.
/// </summary>
public sealed class SurveyFlow(SurveyDefinition survey)
{
    private readonly SurveyDefinition _survey = survey ?? throw new ArgumentNullException(nameof(survey));

    public IReadOnlyList<PageDefinition> VisiblePages(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return [.. _survey.Pages.Where(p => IsVisible(p, answers))];
    }

    /// <summary>The questions of <paramref name="page"/> whose show_if holds (the page's own show_if is not considered).</summary>
#pragma warning disable CA1822 // An instance member on purpose: callers hold a flow per survey.
    public IReadOnlyList<QuestionDefinition> VisibleQuestions(PageDefinition page, AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(answers);
        return [.. page.Questions.Where(q => q.ShowIf is null || q.ShowIf.Evaluate(answers))];
    }
#pragma warning restore CA1822

    /// <summary>The first visible page after <paramref name="pageId"/>; null at the end or for an unknown page.</summary>
    public PageDefinition? NextPage(string pageId, AnswerSet answers)
    {
        var index = IndexOf(pageId);
        return index < 0 ? null : _survey.Pages.Skip(index + 1).FirstOrDefault(p => IsVisible(p, answers));
    }

    /// <summary>The last visible page before <paramref name="pageId"/>; null at the start or for an unknown page.</summary>
    public PageDefinition? PreviousPage(string pageId, AnswerSet answers)
    {
        var index = IndexOf(pageId);
        return index < 0 ? null : _survey.Pages.Take(index).LastOrDefault(p => IsVisible(p, answers));
    }

    /// <summary>
    /// Drops the answers of questions that are not shown (or not in the survey). Dropping an answer can hide further
    /// questions, so this repeats until nothing changes.
    /// </summary>
    public AnswerSet Prune(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        while (true)
        {
            var shown = VisiblePages(answers).SelectMany(p => VisibleQuestions(p, answers)).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
            var hidden = answers.ByQuestion.Keys.Where(id => !shown.Contains(id)).ToList();
            if (hidden.Count == 0)
            {
                return answers;
            }
            answers = answers.Without(hidden);
        }
    }

    private bool IsVisible(PageDefinition page, AnswerSet answers) =>
        (page.ShowIf is null || page.ShowIf.Evaluate(answers)) && VisibleQuestions(page, answers).Count > 0;

    private int IndexOf(string pageId)
    {
        ArgumentNullException.ThrowIfNull(pageId);
        for (var i = 0; i < _survey.Pages.Count; i++)
        {
            if (_survey.Pages[i].Id == pageId)
            {
                return i;
            }
        }
        return -1;
    }
}

/// <summary>The order in which a respondent sees a question's options.</summary>
public static class OptionOrder
{
    /// <summary>
    /// The options of <paramref name="question"/>; with <c>randomize</c>, the substantive options shuffled by a stable hash
    /// of <paramref name="seed"/> and the question id (the same respondent always sees the same order, in every process),
    /// with don't-know and other options last in their written order.
    /// </summary>
    public static IReadOnlyList<OptionDefinition> For(QuestionDefinition question, string seed)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(seed);
        var options = question.Settings.Options;
        if (question.Settings is not ChoiceSettings { Randomize: true })
        {
            return options;
        }
        var shuffled = options.Where(o => !o.DontKnow && !o.Other).ToList();
        var state = Fnv1a(seed + "\u001f" + question.Id);
        for (var i = shuffled.Count - 1; i > 0; i--)
        {
            var j = (int)(SplitMix64(ref state) % (ulong)(i + 1));
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }
        return [.. shuffled, .. options.Where(o => o.DontKnow || o.Other)];
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }
        return hash;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        unchecked
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
