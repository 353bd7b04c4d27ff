using System.Globalization;
using Microsoft.Extensions.Options;
using Survey.Web.Infrastructure;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Survey.Web.Results;

/// <summary>A survey's population targets: the population total and, per background variable, the share of each category.</summary>
public sealed record SurveyTargets(double Total, IReadOnlyList<SurveyTargets.Margin> Margins)
{
    /// <summary>Shares per category (summing to 1), in the order of the file.</summary>
    public sealed record Margin(string Variable, IReadOnlyDictionary<string, double> Shares);
}

/// <summary>Where the population targets of a survey come from.</summary>
/// <remarks>
/// A seam until the targets catalog of <c>Survey.Definitions</c> (<c>TargetsLoader</c>) is wired into the app: then the
/// implementation becomes a mapping from its <c>PopulationTargets</c> and <see cref="YamlSurveyTargetsSource"/> goes.
/// </remarks>
public interface ISurveyTargetsSource
{
    /// <summary>The targets of the survey, or null when it has none.</summary>
    /// <exception cref="ResultsUnavailableException">The targets file exists but cannot be used.</exception>
    SurveyTargets? Find(string surveyId);
}

/// <summary>
/// Reads <c>&lt;SurveysPath&gt;/&lt;id&gt;.targets.yaml</c> (<c>total:</c>, and <c>margins:</c> variable → category → share or
/// count) on every call, so an edited file counts from the next run on. Deliberately small: the full validation with
/// file:line:col messages belongs to the targets loader of <c>Survey.Definitions</c>.
/// </summary>
public sealed class YamlSurveyTargetsSource(IOptions<SurveyPlatformOptions> platform, IHostEnvironment environment) : ISurveyTargetsSource
{
    public SurveyTargets? Find(string surveyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(surveyId);
        var options = platform.Value;
        var path = Path.Combine(options.Resolve(environment.ContentRootPath, options.SurveysPath), surveyId + ".targets.yaml");
        if (surveyId.IndexOfAny(['/', '\\']) >= 0 || !File.Exists(path))
        {
            return null;
        }
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                stream.Load(reader);
            }
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            var total = Number(root["total"]);
            var margins = ((YamlMappingNode)root["margins"]).Children.Select(m => ToMargin(Scalar(m.Key), (YamlMappingNode)m.Value, total)).ToList();
            return total > 0 && margins.Count > 0 ? new SurveyTargets(total, margins)
                : throw new ResultsUnavailableException($"{path}: needs a positive 'total:' and at least one margin");
        }
        catch (Exception ex) when (ex is YamlException or InvalidCastException or KeyNotFoundException or FormatException or ArgumentOutOfRangeException)
        {
            throw new ResultsUnavailableException($"{path}: not a valid targets file ({ex.Message})", ex);
        }
    }

    private static SurveyTargets.Margin ToMargin(string variable, YamlMappingNode categories, double total)
    {
        var values = categories.Children.ToDictionary(c => Scalar(c.Key), c => Number(c.Value), StringComparer.Ordinal);
        var sum = values.Values.Sum();
        // Shares sum to 1; counts sum to the total. Either way, shares are what weighting needs.
        var divisor = Math.Abs(sum - 1) <= 1e-6 ? 1 : Math.Abs(sum - total) <= 1e-6 * total ? total
            : throw new ResultsUnavailableException($"margin '{variable}' sums to {sum.ToString(CultureInfo.InvariantCulture)}: shares must sum to 1, counts to the total");
        return new SurveyTargets.Margin(variable, values.ToDictionary(p => p.Key, p => p.Value / divisor, StringComparer.Ordinal));
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;

    private static double Number(YamlNode node) =>
        double.TryParse(Scalar(node), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) && x >= 0
            ? x : throw new FormatException($"'{Scalar(node)}' at line {node.Start.Line} is not a number >= 0");
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
