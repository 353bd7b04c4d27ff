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
/// <c>date</c> accepts <c>yyyy-mm-dd</c> (from <c>&lt;input type=date&gt;</c>) and <c>d-m-yyyy</c> as typed in Dutch
/// (also with '/' or '.'); <c>year</c> accepts four digits. Out of bounds gives <c>range</c> with the bounds as arguments.
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
        var posted = AnswerReading.Posted(form, field);
        if (posted.Count == 0)
        {
            return AnswerReading.Unanswered(question, field);
        }
        if (posted.Count > 1 || !TryParseAnswer(posted[0], _yearOnly, out var day))
        {
            return AnswerReading.Fail(field, MessageKeys.Invalid);
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
        return AnswerReading.SingleFieldFormValues(question, stored);
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

    private static bool TryParseAnswer(string text, bool yearOnly, out DateOnly day)
    {
        day = default;
        if (yearOnly)
        {
            return TryYear(text, out day);
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return true;
        }
        var match = DutchDate().Match(text);
        if (!match.Success)
        {
            return false;
        }
        var d = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var m = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var y = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }
        day = new DateOnly(y, m, d);
        return true;
    }

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

    [GeneratedRegex(@"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex DutchDate();

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
