using System.Globalization;

namespace Survey.Data;

/// <summary>Europe/Amsterdam: the zone in which researchers give send times and end dates, and in which "the day" is counted.</summary>
public static class CityTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    public static DateOnly Day(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Zone).DateTime);

    /// <summary>An ISO date and time in Amsterdam (<c>2026-12-08T09:00</c>), or with an explicit offset; null if neither.</summary>
    public static DateTimeOffset? ParseLocal(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (Zone.IsInvalidTime(local))
            {
                return null;
            }
            return new DateTimeOffset(local, Zone.GetUtcOffset(local));
        }
        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset) ? withOffset : null;
    }

    /// <summary>A moment as Amsterdam local time, <c>2026-12-08 09:00</c>.</summary>
    public static string Format(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
