using System.Globalization;
using Microsoft.Extensions.Localization;
using Survey.Data;
using Survey.Web.Results;

namespace Survey.Web.Pages.Research;

/// <summary>Numbers and times on the research pages, in the page's culture.</summary>
public static class Format
{
    /// <summary>
    /// Date and time in Europe/Amsterdam (the pages say so), day before month with the month written out in the page's
    /// language: "2 December 2026, 18:10" on English pages (British usage, never the US month-first short form),
    /// "2 december 2026, 18:10" on Dutch ones.
    /// </summary>
    public static string Time(DateTimeOffset? time) =>
        time is null ? "–" : AmsterdamTime.Convert(time.Value).ToString("d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    public static string Number(double? value, int decimals = 2) =>
        value is null ? "–" : value.Value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);

    /// <summary>A proportion as a percentage with one decimal.</summary>
    public static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.CurrentCulture) + "%";

    /// <summary>State, progress, attempt and error of a run, in words.</summary>
    public static string Run(IStringLocalizer l, ResultRun run)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(run);
        var state = l["research.run_state." + run.State.ToString().ToLowerInvariant()].Value;
        var text = l["research.run_summary", state, run.Progress, run.Attempt, Time(run.FinishedAt ?? run.StartedAt ?? run.RequestedAt)].Value;
        return RunErrors.Translate(l, run) is { } reason ? text + " " + l["research.run_error", reason].Value : text;
    }
}
