using System.Globalization;
using System.Text.RegularExpressions;

namespace Survey.Definitions.Answers;

/// <summary>
/// A month of a year, the answer of a <c>date</c> question with <c>precision: month</c>. Stored and exported as
/// <c>yyyy-mm</c> (ISO 8601, <see cref="ToString()"/>); shown to a person as "maart 2024" / "March 2024" through
/// <see cref="ToString(string?, IFormatProvider?)"/>.
/// </summary>
public readonly partial record struct YearMonth : IFormattable
{
    /// <exception cref="ArgumentOutOfRangeException">The year is not 1 to 9999 or the month not 1 to 12.</exception>
    public YearMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => new(Year, Month, DateTime.DaysInMonth(Year, Month));

    public static YearMonth Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>Reads <c>yyyy-mm</c> (four digits, a hyphen, two digits); false for anything else, null included.</summary>
    public static bool TryParse(string? text, out YearMonth value)
    {
        value = default;
        if (text is null || !Pattern().IsMatch(text))
        {
            return false;
        }
        var year = int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var month = int.Parse(text.AsSpan(5, 2), CultureInfo.InvariantCulture);
        if (year < 1 || month < 1 || month > 12)
        {
            return false;
        }
        value = new YearMonth(year, month);
        return true;
    }

    /// <summary><c>yyyy-mm</c>, as stored.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");

    /// <summary>The month written out in the provider's language (<c>MMMM yyyy</c>), or the <paramref name="format"/> given.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        FirstDay.ToString(string.IsNullOrEmpty(format) ? "MMMM yyyy" : format, formatProvider);

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
