using Survey.Web.Infrastructure;

namespace Survey.Web.Results;

/// <summary>A survey's population targets: the population total and, per background variable, the share of each category.</summary>
public sealed record SurveyTargets(double Total, IReadOnlyList<SurveyTargets.Margin> Margins)
{
    /// <summary>Shares per category (summing to 1), in the order of the file.</summary>
    public sealed record Margin(string Variable, IReadOnlyDictionary<string, double> Shares);
}

/// <summary>Where the population targets of a survey come from.</summary>
public interface ISurveyTargetsSource
{
    /// <summary>The targets of the survey, or null when it has none.</summary>
    /// <exception cref="ResultsUnavailableException">The targets cannot be used by the web job.</exception>
    SurveyTargets? Find(string surveyId);
}

/// <summary>
/// The targets files loaded and validated at start-up with the surveys (<c>TargetsCatalog</c> of Survey.Definitions: the
/// same rules and file:line:col messages as <c>survey validate</c>); shares are already normalised to sum to 1.
/// </summary>
public sealed class CatalogTargetsSource(SurveyLibrary library) : ISurveyTargetsSource
{
    public SurveyTargets? Find(string surveyId)
    {
        if (library.Targets(surveyId) is not { } targets)
        {
            return null;
        }
        if (targets.Margins.FirstOrDefault(m => m.DerivedFrom is not null) is { } derived)
        {
            throw new ResultsUnavailableException(
                $"{targets.SourceFile}: margin '{derived.Variable}' is derived from '{derived.DerivedFrom!.From}'; the web job weights only by background questions so far (the CLI supports derived margins)");
        }
        return new SurveyTargets(targets.Total, [.. targets.Margins.Select(m => new SurveyTargets.Margin(m.Variable, m.Shares))]);
    }
}

/// <summary>Results cannot be computed; the message says why in terms a researcher can act on.</summary>
public sealed class ResultsUnavailableException : Exception
{
    public ResultsUnavailableException(string message)
        : base(message)
    {
    }

    public ResultsUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResultsUnavailableException()
    {
    }
}
