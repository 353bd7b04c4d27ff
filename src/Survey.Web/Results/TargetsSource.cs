using Survey.Definitions.Targets;
using Survey.Web.Infrastructure;

namespace Survey.Web.Results;

/// <summary>Where the population targets of a survey come from.</summary>
public interface ISurveyTargetsSource
{
    /// <summary>The targets of the survey, or null when it has none.</summary>
    PopulationTargets? Find(string surveyId);
}

/// <summary>
/// The targets files loaded and validated at start-up with the surveys (<c>TargetsCatalog</c> of Survey.Definitions: the
/// same rules and file:line:col messages as <c>survey validate</c>); shares are already normalised to sum to 1.
/// </summary>
public sealed class CatalogTargetsSource(SurveyLibrary library) : ISurveyTargetsSource
{
    public PopulationTargets? Find(string surveyId) => library.Targets(surveyId);
}

/// <summary>Results cannot be computed; the message says why in terms a researcher can act on.</summary>
public sealed class ResultsUnavailableException : Exception
{
    /// <summary>Why, as a locale key with its values (<see cref="Reason"/>); the message is its English text.</summary>
    public ResultsUnavailableException(RunError reason, Exception? innerException = null)
        : base(reason?.English, innerException) => Reason = reason;

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

    /// <summary>Why, to be shown in the researcher page's language; null when the message is all there is.</summary>
    public RunError? Reason { get; }
}
