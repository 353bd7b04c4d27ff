namespace Survey.Web.Results;

/// <summary>
/// The one time zone of the researcher pages and downloads: Europe/Amsterdam, the city's. Times are stored in UTC and
/// converted here for display, file names and the times written inside downloads (with their UTC offset).
/// </summary>
public static class AmsterdamTime
{
    /// <summary>The IANA name, as pages and file names state it.</summary>
    public const string ZoneId = "Europe/Amsterdam";

    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    /// <summary>The same instant with Amsterdam's offset (+01:00 in winter, +02:00 in summer).</summary>
    public static DateTimeOffset Convert(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone);
}
