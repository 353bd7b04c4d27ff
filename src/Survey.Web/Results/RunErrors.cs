using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Survey.Data;
using Survey.Web.Jobs;

namespace Survey.Web.Results;

/// <summary>
/// Why a results run failed: the locale key (after <c>research.run_errors.</c>) with the values of its placeholders, and
/// the same in English (<see cref="ResultRun.Error"/>: an audit trail in one language, readable in the database and logs).
/// </summary>
public sealed record RunError(string Key, IReadOnlyList<string> Arguments, string English);

/// <summary>
/// The reasons the results job writes, and a failed run's reason in the researcher page's language: runs keep the key and
/// its values beside the English text (<see cref="ResultRun.ErrorKey"/>), and the page translates the key. Runs stored
/// before that (migration 20261208000000) have only the English text: <see cref="TranslateOlderRow"/> recognises it by
/// its template. An unexpected fault is shown as a technical error with its text.
/// </summary>
public static partial class RunErrors
{
    private const string Technical = "technical";

    /// <summary>Locale key (after <c>research.run_errors.</c>) and the English the job writes, with {0}, {1}… for the values.</summary>
    private static readonly Dictionary<string, string> EnglishTemplates = new(StringComparer.Ordinal)
    {
        ["no_survey"] = "there is no survey '{0}'",
        ["no_targets"] = "survey '{0}' has no population targets ({1}.targets.yaml)",
        ["no_responses"] = "survey '{0}' has no responses to version {1} yet",
        ["no_respondent"] = "no respondent in {0} '{1}': weighting needs at least one; merge the category with another or drop it from the targets",
        ["unknown_category"] = "Margin '{0}': {1} respondent(s) have '{2}', which is not a category of the targets.",
        ["not_converged"] = "Raking did not converge in {0} iterations: largest relative misfit {1} at {2} = '{3}'.",
        ["derived_from_missing"] = "'{0}' is derived from '{1}', which is not a background question of survey '{2}'",
        ["grouping_missing"] = "'{0}' is derived with grouping '{1}', which the nationality mapping ({2}) does not have",
        ["no_background"] = "survey '{0}' has no background question for '{1}' (needed for weighting or a split)",
        ["answers_not_categories"] = "answers to {0} ({1}) are not categories of the targets; add them to the targets file or merge them",
        ["shut_down_rerun"] = "interrupted: the platform shut down during this run; it is run again",
        ["interrupted"] = InterruptedRuns.Error,
    };

    /// <summary>Every key the job writes (after <c>research.run_errors.</c>), the technical one included.</summary>
    internal static IEnumerable<string> Keys => EnglishTemplates.Keys.Append(Technical);

    /// <summary>The run was cancelled because the platform shut down; its job runs again after the restart.</summary>
    public static RunError ShutDown { get; } = Of("shut_down_rerun");

    /// <summary>The run was left running by a process that died (<see cref="InterruptedRuns"/>).</summary>
    public static RunError Interrupted { get; } = Of("interrupted");

    /// <summary>A known reason with its values (formatted by the caller, invariantly).</summary>
    /// <exception cref="KeyNotFoundException"><paramref name="key"/> is not a known reason.</exception>
    public static RunError Of(string key, params string[] arguments) =>
        new(key, arguments, string.Format(CultureInfo.InvariantCulture, EnglishTemplates[key], arguments));

    /// <summary>An unexpected fault: shown as a technical error with its text.</summary>
    public static RunError Fault(string message) => new(Technical, [message], message);

    /// <summary>The values of <paramref name="error"/> as stored in <see cref="ResultRun.ErrorArguments"/>.</summary>
    public static string? StoredArguments(RunError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Arguments.Count == 0 ? null : JsonSerializer.Serialize(error.Arguments);
    }

    /// <summary>The run's reason in the current UI language; null when it has none.</summary>
    public static string? Translate(IStringLocalizer localizer, ResultRun run)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(run);
        if (run.ErrorKey is { } key)
        {
            var arguments = run.ErrorArguments is null ? [] : JsonSerializer.Deserialize<string[]>(run.ErrorArguments) ?? [];
            return localizer["research.run_errors." + key, [.. arguments]].Value;
        }
        return run.Error is null ? null : TranslateOlderRow(localizer, run.Error);
    }

    /// <summary>
    /// For runs stored before migration 20261208000000, which kept only the English text: each known reason is recognised
    /// by its English template and shown through its key with the same values; any other text as a technical error.
    /// </summary>
    public static string TranslateOlderRow(IStringLocalizer localizer, string error)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var (key, pattern) in OlderRows)
        {
            if (pattern.Match(error) is { Success: true } match)
            {
                return localizer["research.run_errors." + key, [.. match.Groups.Values.Skip(1).Select(g => (object)g.Value)]].Value;
            }
        }
        return localizer["research.run_errors." + Technical, error].Value;
    }

    /// <summary>The templates as patterns, and the shut-down text the job wrote before Hangfire (it is shown as then).</summary>
    private static readonly (string Key, Regex Pattern)[] OlderRows =
    [
        .. EnglishTemplates.Select(t => Template(t.Key, t.Value)),
        Template("shut_down", "stopped because the platform shut down; request a new run"),
    ];

    private static (string, Regex) Template(string key, string english)
    {
        var pattern = PlaceholderPattern().Replace(Regex.Escape(english), "(.+?)");
        return (key, new Regex("^" + pattern + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1)));
    }

    [GeneratedRegex(@"\\\{[0-9]\}")]
    private static partial Regex PlaceholderPattern();
}
