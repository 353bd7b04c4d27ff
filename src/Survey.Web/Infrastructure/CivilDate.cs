namespace Survey.Web.Infrastructure;

/// <summary>The date in the city's time zone: the only time a response keeps (coarsened to the day).</summary>
public sealed class CivilDate(TimeProvider time)
{
    private static readonly TimeZoneInfo Zone = FindZone();

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);

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
