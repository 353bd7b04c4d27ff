using System.Globalization;
using System.Text.RegularExpressions;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;

#pragma warning disable CA1716 // The folder is named after the question type; VB callers are not expected.
namespace Survey.Definitions.QuestionTypes.Date;
#pragma warning restore CA1716

/// <summary>
/// A day (<c>date</c>) or a year (<see cref="YearOnly"/>). <see cref="Min"/> and <see cref="Max"/> are kept as written
/// (<c>yyyy-mm-dd</c> or <c>yyyy</c>), which is also what an html <c>min</c>/<c>max</c> attribute wants.
/// </summary>
public sealed record DateSettings(bool YearOnly, string? Min, string? Max) : QuestionSettings
{
    public override bool IsNumeric => YearOnly;

    /// <summary>The lower bound as a day (1 January for a year bound).</summary>
    public DateOnly? MinDate => DateQuestionType.TryParseBound(Min, YearOnly, out var d) ? d : null;

    /// <summary>The upper bound as a day (31 December for a year bound).</summary>
    public DateOnly? MaxDate => DateQuestionType.TryParseBound(Max, YearOnly, out var d) ? DateQuestionType.EndOf(d, YearOnly) : null;
}

/// <summary>
/// <c>date</c> reads three fields, day, month and year (<see cref="FieldNames.ForDatePart"/>), as the GOV.UK date input
/// pattern does, so nothing depends on a browser's date picker or its locale; each part has its own message. <c>year</c>
/// accepts four digits. Out of bounds gives <c>range</c> with the bounds as arguments.
/// </summary>
public sealed partial class DateQuestionType : IQuestionType
{
    private readonly bool _yearOnly;

    private DateQuestionType(string name, bool yearOnly)
    {
        Name = name;
        _yearOnly = yearOnly;
    }

    public static DateQuestionType Day { get; } = new("date", yearOnly: false);

    public static DateQuestionType Year { get; } = new("year", yearOnly: true);

    public string Name { get; }

    public QuestionSettings ReadSettings(QuestionSettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var format = _yearOnly ? "yyyy" : "yyyy-mm-dd";
        DateOnly? ReadBound(string key)
        {
            var text = reader.ReadString(key);
            if (text is null)
            {
                return null;
            }
            if (TryParseBound(text, _yearOnly, out var day))
            {
                return day;
            }
            reader.Error(key, $"{key} of {reader.What} must be a {(_yearOnly ? "year" : "date")} written {format}, not '{text}'");
            return null;
        }
        var min = ReadBound("min");
        var max = ReadBound("max");
        if (min > max)
        {
            reader.Error("min", $"min of {reader.What} must not be after max");
        }
        return new DateSettings(_yearOnly, min is null ? null : reader.ReadString("min"), max is null ? null : reader.ReadString("max"));
    }

    public AnswerParseResult ParseAnswer(QuestionDefinition question, IFormInput form)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(form);
        var settings = (DateSettings)question.Settings;
        var field = FieldNames.For(question.Id);
        DateOnly day;
        if (_yearOnly)
        {
            var posted = AnswerReading.Posted(form, field);
            if (posted.Count == 0)
            {
                return AnswerReading.Unanswered(question, field);
            }
            if (posted.Count > 1 || !TryYear(posted[0], out day))
            {
                return AnswerReading.Fail(field, MessageKeys.DateYear);
            }
        }
        else
        {
            var read = ReadParts(question, form, out day);
            if (read is not null)
            {
                return read;
            }
        }
        if (day < settings.MinDate || day > settings.MaxDate)
        {
            return _yearOnly
                ? AnswerReading.Fail(field, MessageKeys.Range, (object?)settings.MinDate?.Year ?? string.Empty, (object?)settings.MaxDate?.Year ?? string.Empty)
                : AnswerReading.Fail(field, MessageKeys.Range, (object?)settings.MinDate ?? string.Empty, (object?)settings.MaxDate ?? string.Empty);
        }
        var stored = _yearOnly
            ? day.Year.ToString("0000", CultureInfo.InvariantCulture)
            : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return AnswerReading.Valid([new AnswerValue(null, null, stored)]);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToFormValues(QuestionDefinition question, IReadOnlyList<AnswerValue> stored)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(stored);
        if (_yearOnly)
        {
            return AnswerReading.SingleFieldFormValues(question, stored);
        }
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (stored.Count > 0 && stored[0].Text is { } text
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // Shown as a resident types it: no leading zeros.
            values[FieldNames.ForDatePart(question.Id, "day")] = [day.Day.ToString(CultureInfo.InvariantCulture)];
            values[FieldNames.ForDatePart(question.Id, "month")] = [day.Month.ToString(CultureInfo.InvariantCulture)];
            values[FieldNames.ForDatePart(question.Id, "year")] = [day.Year.ToString("0000", CultureInfo.InvariantCulture)];
        }
        return values;
    }

    /// <summary>
    /// Reads the day, month and year fields (GOV.UK date input). Returns null with <paramref name="day"/> set when they make a
    /// real day; otherwise the first problem, on the part it concerns (so the error summary links to that field), or on the
    /// question's field when the whole date is missing or more than one part is empty.
    /// </summary>
    private static AnswerParseResult? ReadParts(QuestionDefinition question, IFormInput form, out DateOnly day)
    {
        day = default;
        var parts = FieldNames.DateParts.Select(part => (Part: part, Field: FieldNames.ForDatePart(question.Id, part),
            Text: AnswerReading.Posted(form, FieldNames.ForDatePart(question.Id, part)))).ToList();
        var field = FieldNames.For(question.Id);
        var missing = parts.Where(p => p.Text.Count == 0).ToList();
        if (missing.Count == parts.Count)
        {
            return AnswerReading.Unanswered(question, field);
        }
        if (missing.Count > 1)
        {
            return AnswerReading.Fail(field, MessageKeys.DateIncomplete);
        }
        if (missing.Count == 1)
        {
            var key = missing[0].Part switch
            {
                "day" => MessageKeys.DateMissingDay,
                "month" => MessageKeys.DateMissingMonth,
                _ => MessageKeys.DateMissingYear,
            };
            return AnswerReading.Fail(missing[0].Field, key);
        }
        if (parts.Any(p => p.Text.Count > 1))
        {
            return AnswerReading.Fail(field, MessageKeys.Invalid);
        }
        if (!TryNumber(parts[0].Text[0], 2, 1, 31, out var d))
        {
            return AnswerReading.Fail(parts[0].Field, MessageKeys.DateDay);
        }
        if (!TryNumber(parts[1].Text[0], 2, 1, 12, out var m))
        {
            return AnswerReading.Fail(parts[1].Field, MessageKeys.DateMonth);
        }
        if (!FourDigits().IsMatch(parts[2].Text[0]) || !TryNumber(parts[2].Text[0], 4, 1000, 9999, out var y))
        {
            return AnswerReading.Fail(parts[2].Field, MessageKeys.DateYear);
        }
        if (d > DateTime.DaysInMonth(y, m))
        {
            return AnswerReading.Fail(parts[0].Field, MessageKeys.DateNotReal);
        }
        day = new DateOnly(y, m, d);
        return null;
    }

    private static bool TryNumber(string text, int maxDigits, int min, int max, out int value)
    {
        value = 0;
        return text.Length <= maxDigits && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    internal static bool TryParseBound(string? text, bool yearOnly, out DateOnly day)
    {
        day = default;
        if (text is null)
        {
            return false;
        }
        return yearOnly ? TryYear(text, out day) : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    internal static DateOnly EndOf(DateOnly day, bool yearOnly) => yearOnly ? new DateOnly(day.Year, 12, 31) : day;

    private static bool TryYear(string text, out DateOnly day)
    {
        day = default;
        if (!FourDigits().IsMatch(text) || !int.TryParse(text, CultureInfo.InvariantCulture, out var year) || year < 1)
        {
            return false;
        }
        day = new DateOnly(year, 1, 1);
        return true;
    }

    [GeneratedRegex("^[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex FourDigits();
}

public static class DateRegistration
{
    public static QuestionTypeRegistryBuilder UseDate(this QuestionTypeRegistryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(DateQuestionType.Day);
    }

    public static QuestionTypeRegistryBuilder UseYear(this QuestionTypeRegistryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(DateQuestionType.Year);
    }
}
