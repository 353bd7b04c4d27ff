using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Survey.Data;
using Survey.Definitions.Model;
using Survey.Definitions.Targets;
using Survey.Statistics;
using Survey.Web.Infrastructure;

namespace Survey.Web.Results;

/// <summary>
/// Computes a survey's weighted results from the responses to its current version: rake (and trim, if the targets file
/// asks for it) to the population targets, then estimate every closed question overall, per group of each split of the
/// targets file's <c>results:</c> (default <see cref="ResultsOptions.GroupVariable"/>) and per combination with each second
/// split, with the survey's <c>min_cell</c> as disclosure rule. Pure computation: it stores nothing (see <see cref="ResultsRunner"/>).
/// </summary>
public sealed class ResultsCalculator(
    SurveyDbContext db, SurveyLibrary library, ISurveyTargetsSource targetsSource, TimeProvider time, IOptions<ResultsOptions> options)
{
    private const int Batches = 10;

    /// <summary>Computes the results; <paramref name="progress"/> gets 0–99 on the caller's flow (100 is the caller's to report).</summary>
    /// <returns>A snapshot to store (its <see cref="ResultSnapshot.RunId"/> is not set).</returns>
    /// <exception cref="ResultsUnavailableException">Unknown survey, no targets, no responses, or the data cannot be weighted to the targets.</exception>
    public async Task<ResultSnapshot> ComputeAsync(string surveyId, IProgress<int> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var survey = library.Find(surveyId) ?? throw new ResultsUnavailableException(RunErrors.Of("no_survey", surveyId));
        var targets = targetsSource.Find(surveyId)
            ?? throw new ResultsUnavailableException(RunErrors.Of("no_targets", surveyId, surveyId));
        progress.Report(5);

        var (ids, responses) = await LoadResponsesAsync(surveyId, survey.Version, cancellationToken);
        if (responses.Count == 0)
        {
            throw new ResultsUnavailableException(RunErrors.Of("no_responses", surveyId, survey.Version.ToString(CultureInfo.InvariantCulture)));
        }
        progress.Report(30);

        var margins = targets.Margins.Select(m => PopulationMargin.FromShares(m.Variable, m.Shares, targets.Total)).ToList();
        var design = new SampleDesign([.. targets.Margins.Select(m =>
            SplitVariable.Resolve(survey, targets, library.Groups, m.Variable).ToVariable(responses, [.. m.Shares.Keys]))]);
        var settings = targets.Weighting;
        var pipeline = WeightingPipeline.FromSettings(margins, settings.Tolerance, settings.MaxIterations, settings.TrimLower, settings.TrimUpper);
        var weighted = Weight(pipeline, design);
        cancellationToken.ThrowIfCancellationRequested();
        progress.Report(50);

        var byNames = Splits(survey, targets);
        var by = byNames.Select(name => Variable(survey, targets, design, name, responses)).ToList();
        var thenBy = targets.Results.ThenBy.Select(name => Variable(survey, targets, design, name, responses)).ToList();
        var skip = new HashSet<string>(design.Variables.Keys.Concat(byNames).Concat(targets.Results.ThenBy), StringComparer.Ordinal);
        var questions = ResultsVariables.Questions(survey, skip, responses);
        var crosstabOptions = new CrosstabOptions
        {
            Disclosure = new DisclosureRule { MinCellCount = survey.MinCell },
            Estimation = new EstimationOptions { ProportionInterval = targets.Results.KornGraubard ? ProportionInterval.KornGraubard : ProportionInterval.Logit },
        };

        // In batches, so a long run can show progress; disclosure control works per question, so batching changes nothing.
        var cells = new List<ResultCell>();
        var tests = new List<ResultTest>();
        var batchSize = Math.Max(1, (questions.Count + Batches - 1) / Batches);
        for (var start = 0; start < questions.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = SplitCrosstab.Run(weighted, [.. questions.Skip(start).Take(batchSize)], by, thenBy, crosstabOptions);
            cells.AddRange(result.Cells.Select(ResultsJson.ToCell));
            tests.AddRange(result.Tests.Select(ResultsJson.ToTest));
            progress.Report(50 + (45 * Math.Min(questions.Count, start + batchSize) / questions.Count));
        }

        return new ResultSnapshot
        {
            SurveyId = survey.Id,
            SurveyVersion = survey.Version,
            ComputedAt = time.GetUtcNow(),
            ResponseCount = responses.Count,
            ReportJson = ResultsJson.Write(ResultsJson.ToReport(weighted, targets, pipeline.Steps, survey.MinCell, byNames, targets.Results.ThenBy)),
            CellsJson = ResultsJson.Write(cells),
            TestsJson = ResultsJson.Write(tests),
            GroupVariable = byNames.Count > 0 ? byNames[0] : options.Value.GroupVariable,
            WeightsJson = ResultsJson.Write(ids.Select((id, i) => new StoredWeight(id, double.IsFinite(weighted.Weights[i]) ? weighted.Weights[i] : null)).ToList()),
        };
    }

    /// <summary>
    /// The first splits: <c>results: by:</c> of the targets file, or else the platform's default
    /// (<see cref="ResultsOptions.GroupVariable"/>) when the survey has it.
    /// </summary>
    private IReadOnlyList<string> Splits(SurveyDefinition survey, PopulationTargets targets)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Results.By.Count > 0)
        {
            return targets.Results.By;
        }
        var fallback = options.Value.GroupVariable;
        return targets.DerivationOf(fallback) is not null || survey.Questions.Any(q => q.Background == fallback) ? [fallback] : [];
    }

    private CategoricalVariable Variable(
        SurveyDefinition survey, PopulationTargets targets, SampleDesign design, string name, IReadOnlyList<IReadOnlyDictionary<string, List<StoredAnswer>>> responses) =>
        design.Variables.TryGetValue(name, out var margin) ? margin : SplitVariable.Resolve(survey, targets, library.Groups, name).ToVariable(responses);

    private static WeightedDesign Weight(WeightingPipeline pipeline, SampleDesign design)
    {
        try
        {
            return pipeline.Run(design);
        }
        catch (EmptyMarginCategoryException ex)
        {
            throw new ResultsUnavailableException(RunErrors.Of("no_respondent", ex.Variable, ex.Category), ex);
        }
        catch (UnknownMarginCategoryException ex)
        {
            throw new ResultsUnavailableException(RunErrors.Of("unknown_category", ex.Variable, ex.Respondents.ToString(CultureInfo.InvariantCulture), ex.Category), ex);
        }
        catch (RakingDidNotConvergeException ex)
        {
            throw new ResultsUnavailableException(
                RunErrors.Of("not_converged", ex.Iterations.ToString(CultureInfo.InvariantCulture), ex.LastMisfit.ToString("G6", CultureInfo.InvariantCulture), ex.WorstVariable, ex.WorstCategory), ex);
        }
    }

    /// <summary>The responses to one version, each as its answers by question id, in a fixed (id) order so reruns agree.</summary>
    private async Task<(List<Guid> Ids, List<IReadOnlyDictionary<string, List<StoredAnswer>>> Answers)> LoadResponsesAsync(string surveyId, int version, CancellationToken cancellationToken)
    {
        var ids = await db.Responses.AsNoTracking()
            .Where(r => r.SurveyId == surveyId && r.SurveyVersion == version)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        var answers = await db.ResponseAnswers.AsNoTracking()
            .Join(db.Responses.Where(r => r.SurveyId == surveyId && r.SurveyVersion == version), a => a.ResponseId, r => r.Id, (a, r) => a)
            .Select(a => new { a.ResponseId, a.QuestionId, a.Item, a.Code, a.Text })
            .ToListAsync(cancellationToken);
        var byResponse = answers.ToLookup(a => a.ResponseId);
        var ordered = ids.Order().ToList();
        return (ordered, [.. ordered.Select(id => (IReadOnlyDictionary<string, List<StoredAnswer>>)byResponse[id]
            .GroupBy(a => a.QuestionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => new StoredAnswer(a.QuestionId, a.Item, a.Code, a.Text)).ToList(), StringComparer.Ordinal))]);
    }
}
