using System.Globalization;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes.Choice;
using Survey.Definitions.QuestionTypes.Date;
using Survey.Definitions.QuestionTypes.Matrix;
using Survey.Definitions.QuestionTypes.Number;
using Survey.Definitions.QuestionTypes.Text;

namespace Survey.Load;

/// <summary>
/// Valid random answers for every question of a page, from the survey's definition: a random real option (never "don't
/// know" or "other, namely", which would need a text), one option of a multiple choice (a "choose at most n" always allows
/// one), a random number, year or day within the question's bounds, a short text. Questions the server hides are posted
/// too; it ignores them.
/// </summary>
internal static class AnswerFiller
{
    public static List<KeyValuePair<string, string>> Fill(PageDefinition page, Random random)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var question in page.Questions)
        {
            Fill(question, random, fields);
        }
        return fields;
    }

    private static void Fill(QuestionDefinition question, Random random, List<KeyValuePair<string, string>> fields)
    {
        var field = FieldNames.For(question.Id);
        switch (question.Settings)
        {
            case MatrixSettings matrix:
                foreach (var item in matrix.Items)
                {
                    fields.Add(new(FieldNames.ForItem(question.Id, item.Code), Pick(matrix.Options, random)));
                }
                break;
            case NumberSettings number:
                var low = (double)(number.Min ?? 0);
                var high = (double)(number.Max ?? (decimal)low + 100);
                var value = Math.Ceiling(low) + random.Next(0, (int)Math.Max(1, Math.Floor(high) - Math.Ceiling(low) + 1));
                fields.Add(new(field, Math.Min(value, Math.Floor(high)).ToString(CultureInfo.InvariantCulture)));
                break;
            case DateSettings { YearOnly: true } year:
                var first = year.MinDate?.Year ?? 1950;
                var last = year.MaxDate?.Year ?? 2020;
                fields.Add(new(field, random.Next(first, last + 1).ToString(CultureInfo.InvariantCulture)));
                break;
            case DateSettings date:
                var from = (date.MinDate ?? new DateOnly(1950, 1, 1)).DayNumber;
                var to = (date.MaxDate ?? new DateOnly(2020, 12, 31)).DayNumber;
                var day = DateOnly.FromDayNumber(random.Next(from, to + 1));
                fields.Add(new(FieldNames.ForDatePart(question.Id, "day"), day.Day.ToString(CultureInfo.InvariantCulture)));
                fields.Add(new(FieldNames.ForDatePart(question.Id, "month"), day.Month.ToString(CultureInfo.InvariantCulture)));
                fields.Add(new(FieldNames.ForDatePart(question.Id, "year"), day.Year.ToString(CultureInfo.InvariantCulture)));
                break;
            case TextSettings text:
                var words = new[] { "Test", "Meer groen", "Fietspaden", "Goed zo", "Parkeren" };
                var answer = words[random.Next(words.Length)];
                fields.Add(new(field, answer.Length <= text.MaxLength ? answer : answer[..text.MaxLength]));
                break;
            case ChoiceSettings or { Options.Count: > 0 }:
                fields.Add(new(field, Pick(question.Settings.Options, random)));
                break;
            default:
                throw new InvalidOperationException($"The load generator does not know how to answer question '{question.Id}' of type '{question.Type}'.");
        }
    }

    private static string Pick(IReadOnlyList<OptionDefinition> options, Random random)
    {
        var real = options.Where(o => !o.DontKnow && !o.Other).ToList();
        return real[random.Next(real.Count)].Code;
    }
}
