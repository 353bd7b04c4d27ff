using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Survey.Web.Results;

/// <summary>
/// A failed run's reason in the researcher page's language. A run stores its reason as the English text the results job
/// wrote (an audit trail in one language, readable in the database and the logs); each known reason is recognised here by
/// its English template and shown through the locale key <c>research.run_errors.&lt;name&gt;</c> with the same values.
/// A reason no template matches (an unexpected fault) is shown as a technical error with its text.
/// </summary>
public static partial class RunErrors
{
    /// <summary>Locale key (after <c>research.run_errors.</c>) and English template, with {0}, {1}… for the values.</summary>
    private static readonly (string Key, Regex Pattern)[] Known =
    [
        Template("no_survey", "there is no survey '{0}'"),
        Template("no_targets", "survey '{0}' has no population targets ({1}.targets.yaml)"),
        Template("no_responses", "survey '{0}' has no responses to version {1} yet"),
        Template("no_respondent", "no respondent in {0} '{1}': weighting needs at least one; merge the category with another or drop it from the targets"),
        Template("unknown_category", "Margin '{0}': {1} respondent(s) have '{2}', which is not a category of the targets."),
        Template("not_converged", "Raking did not converge in {0} iterations: largest relative misfit {1} at {2} = '{3}'."),
        Template("derived_from_missing", "'{0}' is derived from '{1}', which is not a background question of survey '{2}'"),
        Template("grouping_missing", "'{0}' is derived with grouping '{1}', which the nationality mapping ({2}) does not have"),
        Template("no_background", "survey '{0}' has no background question for '{1}' (needed for weighting or a split)"),
        Template("answers_not_categories", "answers to {0} ({1}) are not categories of the targets; add them to the targets file or merge them"),
        Template("shut_down", "stopped because the platform shut down; request a new run"),
        Template("interrupted", "interrupted: the platform restarted during this run; it is run again"),
    ];

    /// <summary>The stored reason in the current UI language.</summary>
    public static string Translate(IStringLocalizer localizer, string error)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var (key, pattern) in Known)
        {
            if (pattern.Match(error) is { Success: true } match)
            {
                return localizer["research.run_errors." + key, [.. match.Groups.Values.Skip(1).Select(g => (object)g.Value)]].Value;
            }
        }
        return localizer["research.run_errors.technical", error].Value;
    }

    private static (string, Regex) Template(string key, string english)
    {
        var pattern = PlaceholderPattern().Replace(Regex.Escape(english), "(.+?)");
        return (key, new Regex("^" + pattern + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1)));
    }

    [GeneratedRegex(@"\\\{[0-9]\}")]
    private static partial Regex PlaceholderPattern();
}
