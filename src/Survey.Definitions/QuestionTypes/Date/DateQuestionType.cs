using System.Globalization;
using System.Text.RegularExpressions;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;

#pragma warning disable CA1716 // The folder is named after the question type; VB callers are not expected.
namespace Survey.Definitions.QuestionTypes.Date;
#pragma warning restore CA1716

/// <summary>
/// A day (<c>date</c>), a month of a year (<c>date</c> with <c>precision: month</c>, <see cref="MonthOnly"/>) or a year
/// (<see cref="YearOnly"/>). <see cref="Min"/> and <see cref="Max"/> are kept as written (<c>yyyy-mm-dd</c>, <c>yyyy-mm</c>
/// or <c>yyyy</c>), which is also how answers are stored.
/// </summary>
public sealed record DateSettings(bool YearOnly, string? Min, string? Max) : QuestionSettings
{
    /// <summary>Only the month and the year are asked (<c>precision: month</c>); stored <c>yyyy-mm</c>.</summary>
    public bool MonthOnly { get; init; }

    public override bool IsNumeric => YearOnly;

    /// <summary>The fields a resident fills in, in order: day, month, year; month, year; or none (one year field).</summary>
    public IReadOnlyList<string> Parts => YearOnly ? [] : MonthOnly ? FieldNames.DateParts.Skip(1).ToArray() : FieldNames.DateParts;

    /// <summary>The lower bound as a day (the first day of a month or year bound).</summary>
    public DateOnly? MinDate => DateQuestionType.TryParseBound(Min, YearOnly, MonthOnly, out var d) ? d : null;

    /// <summary>The upper bound as a day (the last day of a month or year bound).</summary>
    public DateOnly? MaxDate => DateQuestionType.TryParseBound(Max, YearOnly, MonthOnly, out var d) ? DateQuestionType.EndOf(d, YearOnly, MonthOnly) : null;
}

/// <summary>
/// <c>date</c> reads three fields, day, month and year (<see cref="FieldNames.ForDatePart"/>), as the GOV.UK date input
/// pattern does, so nothing depends on a browser's date picker or its locale; each part has its own message. With
/// <c>precision: month</c> it reads two, month and year, and stores <c>yyyy-mm</c>. <c>year</c> accepts four digits. Out
/// of bounds gives <c>range</c> with the bounds as arguments (days, <see cref="YearMonth"/>s or years).
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
        var monthOnly = false;
        if (!_yearOnly)
        {
            switch (reader.ReadString("precision"))
            {
                case null or "day":
                    break;
                case "month":
                    monthOnly = true;
                    break;
                case var other:
                    reader.Error("precision", $"precision of {reader.What} must be 'day' or 'month', not '{other}'");
                    break;
            }
        }
        var (what, format) = _yearOnly ? ("year", "yyyy") : monthOnly ? ("month", "yyyy-mm") : ("date", "yyyy-mm-dd");
        DateOnly? ReadBound(string key)
        {
            var text = reader.ReadString(key);
            if (text is null)
            {
                return null;
            }
            if (TryParseBound(text, _yearOnly, monthOnly, out var day))
            {
                return day;
            }
            reader.Error(key, $"{key} of {reader.What} must be a {what} written {format}, not '{text}'");
            return null;
        }
        var min = ReadBound("min");
        var max = ReadBound("max");
        if (min > max)
        {
            reader.Error("min", $"min of {reader.What} must not be after max");
        }
        return new DateSettings(_yearOnly, min is null ? null : reader.ReadString("min"), max is null ? null : reader.ReadString("max"))
        {
            MonthOnly = monthOnly,
        };
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
            var read = ReadParts(question, settings, form, out day);
            if (read is not null)
            {
                return read;
            }
        }
        if (day < settings.MinDate || day > settings.MaxDate)
        {
            return _yearOnly
                ? AnswerReading.Fail(field, MessageKeys.Range, (object?)settings.MinDate?.Year ?? string.Empty, (object?)settings.MaxDate?.Year ?? string.Empty)
                : settings.MonthOnly
                ? AnswerReading.Fail(field, MessageKeys.Range, Bound(settings.MinDate is { } a ? YearMonth.Of(a) : null), Bound(settings.MaxDate is { } b ? YearMonth.Of(b) : null))
                : AnswerReading.Fail(field, MessageKeys.Range, (object?)settings.MinDate ?? string.Empty, (object?)settings.MaxDate ?? string.Empty);
        }
        var stored = _yearOnly
            ? day.Year.ToString("0000", CultureInfo.InvariantCulture)
            : settings.MonthOnly
            ? YearMonth.Of(day).ToString()
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
        if (((DateSettings)question.Settings).MonthOnly)
        {
            if (stored.Count > 0 && YearMonth.TryParse(stored[0].Text, out var month))
            {
                values[FieldNames.ForDatePart(question.Id, "month")] = [month.Month.ToString(CultureInfo.InvariantCulture)];
                values[FieldNames.ForDatePart(question.Id, "year")] = [month.Year.ToString("0000", CultureInfo.InvariantCulture)];
            }
            return values;
        }
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
    /// Reads the day, month and year fields (GOV.UK date input), or the month and year fields of a month. Returns null with
    /// <paramref name="day"/> set (the first of the month for a month) when they make a real day; otherwise the first
    /// problem, on the part it concerns (so the error summary links to that field), or on the question's field when the
    /// whole date is missing or more than one part is empty.
    /// </summary>
    private static AnswerParseResult? ReadParts(QuestionDefinition question, DateSettings settings, IFormInput form, out DateOnly day)
    {
        day = default;
        var parts = settings.Parts.Select(part => (Part: part, Field: FieldNames.ForDatePart(question.Id, part),
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
        var d = 1;
        if (!settings.MonthOnly && !TryNumber(parts[0].Text[0], 2, 1, 31, out d))
        {
            return AnswerReading.Fail(parts[0].Field, MessageKeys.DateDay);
        }
        var (month, year) = (parts[^2], parts[^1]);
        if (!TryNumber(month.Text[0], 2, 1, 12, out var m))
        {
            return AnswerReading.Fail(month.Field, MessageKeys.DateMonth);
        }
        if (!FourDigits().IsMatch(year.Text[0]) || !TryNumber(year.Text[0], 4, 1000, 9999, out var y))
        {
            return AnswerReading.Fail(year.Field, MessageKeys.DateYear);
        }
        if (d > DateTime.DaysInMonth(y, m))
        {
            return AnswerReading.Fail(parts[0].Field, MessageKeys.DateNotReal);
        }
        day = new DateOnly(y, m, d);
        return null;
    }

    private static object Bound(YearMonth? bound) => (object?)bound ?? string.Empty;

    private static bool TryNumber(string text, int maxDigits, int min, int max, out int value)
    {
        value = 0;
        return text.Length <= maxDigits && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    internal static bool TryParseBound(string? text, bool yearOnly, bool monthOnly, out DateOnly day)
    {
        day = default;
        if (text is null)
        {
            return false;
        }
        if (monthOnly)
        {
            var parsed = YearMonth.TryParse(text, out var month);
            day = parsed ? month.FirstDay : default;
            return parsed;
        }
        return yearOnly ? TryYear(text, out day) : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    internal static DateOnly EndOf(DateOnly day, bool yearOnly, bool monthOnly) =>
        yearOnly ? new DateOnly(day.Year, 12, 31) : monthOnly ? YearMonth.Of(day).LastDay : day;

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
