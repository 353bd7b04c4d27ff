using System.Globalization;
using Microsoft.Extensions.Localization;
using Survey.Data;

namespace Survey.Web.Pages.Research;

/// <summary>Numbers and times on the research pages, in the page's culture.</summary>
public static class Format
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>Local (Amsterdam) date and time.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is null ? "–" : TimeZoneInfo.ConvertTime(time.Value, Amsterdam).ToString("g", CultureInfo.CurrentCulture);

    public static string Number(double? value, int decimals = 2) =>
        value is null ? "–" : value.Value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);

    /// <summary>A proportion as a percentage with one decimal.</summary>
    public static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.CurrentCulture) + "%";

    /// <summary>The text cut to at most <paramref name="length"/> characters, with an ellipsis when cut (chart labels have a fixed width).</summary>
    public static string Shorten(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1).TrimEnd(), "…");
    }

    /// <summary>State, progress, attempt and error of a run, in words.</summary>
    public static string Run(IStringLocalizer l, ResultRun run)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(run);
        var state = l["research.run_state." + run.State.ToString().ToLowerInvariant()].Value;
        var text = l["research.run_summary", state, run.Progress, run.Attempt, Time(run.FinishedAt ?? run.StartedAt ?? run.RequestedAt)].Value;
        return run.Error is null ? text : text + " " + l["research.run_error", run.Error].Value;
    }
}
