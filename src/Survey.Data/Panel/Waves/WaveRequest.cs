using System.Globalization;
using Survey.Definitions.Model;

namespace Survey.Data;

/// <summary>A problem with a wave request: the field it concerns, a locale key with its arguments, and the same in English (for the CLI).</summary>
public sealed record WaveProblem(string Field, string Key, string English, params object[] Args);

/// <summary>
/// A wave as a researcher asked for it, as text (the CLI's options and the researcher form's fields are the same), before
/// checking. <see cref="Parse"/> turns it into a <see cref="WavePlan"/> or the list of every problem.
/// </summary>
public sealed record WaveRequest(
    string? SurveyId,
    IReadOnlyList<string> Where,
    string? Sample,
    string? StratifyBy,
    string? Seed,
    string? SendAt,
    string? Reminders,
    string? Closes,
    string CreatedBy)
{
    /// <summary>The profile fields a selection or stratification may use (PANEL.md).</summary>
    public static readonly IReadOnlyList<string> Fields = ["nationality", "district", "age_band", "language"];

    /// <summary>Links and codes work this many days after the send day when no end date is given.</summary>
    public const int DefaultOpenDays = 28;

    /// <summary>Checks everything that can be checked without the members; <paramref name="survey"/> is the survey with that id, or null.</summary>
    public (WavePlan? Plan, IReadOnlyList<WaveProblem> Problems) Parse(SurveyDefinition? survey, DateTimeOffset now)
    {
        var problems = new List<WaveProblem>();
        if (string.IsNullOrWhiteSpace(SurveyId))
        {
            problems.Add(new("survey", "wave.error.survey_missing", "a survey is required (--survey ID)"));
        }
        else if (survey is null)
        {
            problems.Add(new("survey", "wave.error.survey_unknown", $"there is no survey '{SurveyId}'", SurveyId));
        }
        else if (survey.Status != SurveyStatus.Open)
        {
            problems.Add(new("survey", "wave.error.survey_closed", $"survey '{SurveyId}' is closed: nobody could answer", SurveyId));
        }

        var filters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var condition in Where.Where(w => !string.IsNullOrWhiteSpace(w)))
        {
            var at = condition.IndexOf('=', StringComparison.Ordinal);
            var field = at > 0 ? condition[..at].Trim() : string.Empty;
            var value = at > 0 ? condition[(at + 1)..].Trim() : string.Empty;
            if (field.Length == 0 || value.Length == 0)
            {
                problems.Add(new("where", "wave.error.where_format", $"'{condition}' is not field=value", condition));
            }
            else if (!Fields.Contains(field))
            {
                problems.Add(new("where", "wave.error.field_unknown", $"unknown field '{field}' (use {string.Join(", ", Fields)})", field, string.Join(", ", Fields)));
            }
            else
            {
                if (!filters.TryGetValue(field, out var values))
                {
                    filters[field] = values = [];
                }
                if (!values.Contains(value, StringComparer.Ordinal))
                {
                    values.Add(value);
                }
            }
        }

        int? sample = null;
        if (!string.IsNullOrWhiteSpace(Sample))
        {
            if (int.TryParse(Sample.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                sample = n;
            }
            else
            {
                problems.Add(new("sample", "wave.error.sample_invalid", $"the sample size '{Sample}' is not a whole number above 0", Sample));
            }
        }

        var stratify = string.IsNullOrWhiteSpace(StratifyBy) ? null : StratifyBy.Trim();
        if (stratify is not null && !Fields.Contains(stratify))
        {
            problems.Add(new("stratify", "wave.error.field_unknown", $"unknown field '{stratify}' (use {string.Join(", ", Fields)})", stratify, string.Join(", ", Fields)));
        }

        int? seed = null;
        if (!string.IsNullOrWhiteSpace(Seed))
        {
            if (int.TryParse(Seed.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s))
            {
                seed = s;
            }
            else
            {
                problems.Add(new("seed", "wave.error.seed_invalid", $"the seed '{Seed}' is not a whole number", Seed));
            }
        }

        DateTimeOffset? sendAt = now;
        if (!string.IsNullOrWhiteSpace(SendAt) && !string.Equals(SendAt.Trim(), "now", StringComparison.OrdinalIgnoreCase))
        {
            sendAt = CityTime.ParseLocal(SendAt);
            if (sendAt is null)
            {
                problems.Add(new("sendAt", "wave.error.send_at_invalid", $"the send time '{SendAt}' is not 'now' or a date and time like 2026-12-08T09:00 (Europe/Amsterdam)", SendAt));
            }
            else if (sendAt < now.AddMinutes(-5))
            {
                problems.Add(new("sendAt", "wave.error.send_at_past", $"the send time '{SendAt}' has passed", SendAt));
                sendAt = null;
            }
        }

        var reminders = ParseReminders(Reminders);
        if (reminders is null)
        {
            problems.Add(new("reminders", "wave.error.reminders_invalid", $"the reminders '{Reminders}' are not increasing numbers of days like 7d,14d", Reminders ?? string.Empty));
        }

        DateOnly? closes = null;
        if (!string.IsNullOrWhiteSpace(Closes))
        {
            if (DateOnly.TryParseExact(Closes.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                closes = day;
            }
            else
            {
                problems.Add(new("closes", "wave.error.closes_invalid", $"the end date '{Closes}' is not a date like 2026-12-31", Closes));
            }
        }
        if (sendAt is { } send)
        {
            var sendDay = CityTime.Day(send);
            closes ??= sendDay.AddDays(DefaultOpenDays);
            if (closes <= sendDay)
            {
                problems.Add(new("closes", "wave.error.closes_before_send", $"the end date {closes:yyyy-MM-dd} must come after the send day {sendDay:yyyy-MM-dd}", closes.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), sendDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
            else if (reminders is { Count: > 0 } && sendDay.AddDays(reminders[^1]) > closes)
            {
                problems.Add(new("reminders", "wave.error.reminder_after_close", $"the last reminder ({reminders[^1]} days after sending) falls after the end date {closes:yyyy-MM-dd}", reminders[^1], closes.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }
        var plan = new WavePlan(survey!.Id, filters.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value, StringComparer.Ordinal),
            sample, stratify, seed ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, int.MaxValue), sendAt!.Value, reminders!, closes!.Value, CreatedBy);
        return (plan, problems);
    }

    /// <summary><c>7d,14d</c> (or <c>7,14</c>; empty or <c>none</c> for none): strictly increasing whole days from 1 to 365, or null.</summary>
    public static IReadOnlyList<int>? ParseReminders(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }
        var days = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var number = part.EndsWith('d') ? part[..^1] : part;
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day < 1 || day > 365 || (days.Count > 0 && day <= days[^1]))
            {
                return null;
            }
            days.Add(day);
        }
        return days;
    }
}

/// <summary>A checked wave request: what <see cref="WaveCreation"/> selects, samples and creates.</summary>
public sealed record WavePlan(
    string SurveyId,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Where,
    int? SampleSize,
    string? StratifyBy,
    int Seed,
    DateTimeOffset SendAt,
    IReadOnlyList<int> ReminderDays,
    DateOnly ClosesOn,
    string CreatedBy);
