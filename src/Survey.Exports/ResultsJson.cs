using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Survey.Definitions.Model;

namespace Survey.Exports;

/// <summary>
/// Everything in one JSON document with snake_case names: survey, computation time, n, the split (and the optional second
/// split) with the labels of their groups, method settings, the weighting report, the cells (a suppressed cell has null
/// numbers; <c>group2</c> is the second split's group, null over everyone), the Rao–Scott tests, the codebook (every microdata
/// column, <c>response_id</c> and <c>weight</c> included, with notes) and optionally the microdata (with the "other, namely"
/// texts as <c>q_other</c>). Numbers are rounded as in the CSV (estimates 6 decimals, weighted counts 2); NaN is written as null.
/// </summary>
public static class ResultsJson
{
    // The document is a download, never inlined in HTML, so only what JSON itself requires is escaped and texts such as
    // "Don't know", "Eén" or "+01:00" stay readable. The values a parser reads are the same either way.
    private static readonly ResultsJsonContext Context = new(new JsonSerializerOptions(ResultsJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <exception cref="ArgumentException">A microdata row has a variable the codebook does not list.</exception>
    public static void Write(Stream stream, ResultsExport results, Microdata? microdata, Codebook codebook)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(codebook);
        JsonSerializer.Serialize(stream, ToDocument(results, microdata, codebook), Context.ResultsDocument);
    }

    private static ResultsDocument ToDocument(ResultsExport results, Microdata? microdata, Codebook codebook)
    {
        var survey = results.Survey;
        var report = results.Report;
        var options = results.Options;
        return new ResultsDocument(
            new SurveyPart(survey.Id, survey.Version, Label.Of(survey.Title)),
            results.ComputedAt.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
            results.ResponseCount,
            results.GroupVariable,
            FirstSplit(results),
            SecondSplit(results),
            new MethodPart(
                [.. results.Margins], options.Estimation.ConfidenceLevel,
                options.Estimation.ProportionInterval == Statistics.ProportionInterval.Logit ? "logit" : "korn_graubard",
                options.Disclosure.MinCellCount, options.Disclosure.MinGroupBase),
            new ReportPart(
                report.Iterations, report.Converged, ExportText.Significant3(report.MaxMisfit), report.Included, report.Excluded,
                ExportText.Round(report.Min, 6), ExportText.Round(report.Max, 6), ExportText.Round(report.Mean, 6),
                ExportText.Round(report.Total, 2), ExportText.Round(report.DesignEffect, 6), ExportText.Round(report.EffectiveSampleSize, 2),
                report.Trimmed, report.TrimRounds, report.TrimmingConverged),
            [.. results.PublishedCells().Select(c => new CellPart(
                c.Question, c.Option, c.Group, c.Group2, c.Base, c.Count, ExportText.Round(c.WeightedCount, 2),
                ExportText.Round(c.Estimate, 6), ExportText.Round(c.StandardError, 6), ExportText.Round(c.Lower, 6), ExportText.Round(c.Upper, 6),
                c.Suppressed, c.Indicative))],
            [.. results.Crosstab.Tests.Select(t => new TestPart(
                t.Question, t.By, ExportText.Round(t.Statistic, 6), ExportText.Round(t.NumeratorDf, 6),
                ExportText.Round(t.DenominatorDf, 6), ExportText.Round(t.PValue, 6)))],
            [.. codebook.Columns.Select(v => new VariablePart(
                v.Name, v.QuestionId.Length == 0 ? null : v.QuestionId, v.Item, v.Type, v.Label, v.DontKnow,
                [.. v.Codes.Select(c => new CodePart(c.Code, c.Label, c.DontKnow))], v.Note))],
            microdata is null ? null : [.. microdata.Rows.Select(r => Row(r, codebook))]);
    }

    /// <summary>The split, labelled from <see cref="ResultsExport.Split"/> or else the codebook; its groups as in <see cref="ResultsExport.GroupText"/>.</summary>
    private static SplitPart FirstSplit(ResultsExport results)
    {
        var codes = (results.Split?.Groups.Keys ?? [])
            .Concat(results.Crosstab.Cells.Select(c => c.Group).Where(g => g != Statistics.Estimation.AllGroup))
            .Distinct(StringComparer.Ordinal);
        return new SplitPart(
            results.Split?.Name ?? results.GroupVariable,
            Both(results.SplitText),
            [.. codes.Select(code => new SplitGroupPart(code, Both(language => results.GroupText(code, language))))]);
    }

    /// <summary>Null without a second split; name and label null when it came without labels (its groups then show codes).</summary>
    private static SplitPart? SecondSplit(ResultsExport results)
    {
        if (!results.HasSecondSplit)
        {
            return null;
        }
        var second = results.SecondSplit;
        var codes = (second?.Groups.Keys ?? []).Concat((results.SecondGroups ?? []).OfType<string>()).Distinct(StringComparer.Ordinal);
        return new SplitPart(
            second?.Name,
            second is null ? null : Label.Of(second.Label),
            [.. codes.Select(code => new SplitGroupPart(code, Both(language => results.SecondGroupText(code, language))))]);
    }

    private static Label Both(Func<LanguageTag, string> text) => new(text(LanguageTag.Dutch), text(LanguageTag.English));

    private static RowPart Row(MicrodataRow row, Codebook codebook)
    {
        MicrodataCsv.CheckVariables(row, codebook);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var v in codebook.Variables)
        {
            values[v.Name] = row.Values.GetValueOrDefault(v.Name);
        }
        return new RowPart(row.ResponseId, values, row.Weight is { } w ? Math.Round(w, 6) : null);
    }
}

internal sealed record ResultsDocument(
    SurveyPart Survey, string ComputedAt, int N, string GroupVariable, SplitPart Split, SplitPart? SecondSplit, MethodPart Method, ReportPart Weighting,
    IReadOnlyList<CellPart> Cells, IReadOnlyList<TestPart> Tests, IReadOnlyList<VariablePart> Codebook, IReadOnlyList<RowPart>? Microdata);

internal sealed record SurveyPart(string Id, int Version, Label Title);

internal sealed record SplitPart(string? Name, Label? Label, IReadOnlyList<SplitGroupPart> Groups);

internal sealed record SplitGroupPart(string Code, Label Label);

internal sealed record MethodPart(IReadOnlyList<string> Margins, double ConfidenceLevel, string ProportionInterval, int MinCellCount, int MinGroupBase);

internal sealed record ReportPart(
    int Iterations, bool Converged, double? MaxMisfit, int Included, int Excluded, double? Min, double? Max, double? Mean,
    double? Total, double? DesignEffect, double? EffectiveSampleSize, int Trimmed, int TrimRounds, bool? TrimmingConverged);

internal sealed record CellPart(
    string Question, string? Option, string Group, string? Group2, int? Base, int? Count, double? WeightedCount,
    double? Estimate, double? Se, double? CiLow, double? CiHigh, bool Suppressed, bool Indicative);

internal sealed record TestPart(string Question, string By, double? Statistic, double? NumeratorDf, double? DenominatorDf, double? PValue);

internal sealed record VariablePart(string Variable, string? QuestionId, string? Item, string Type, Label Label, bool DontKnow, IReadOnlyList<CodePart> Codes, Label? Note);

internal sealed record CodePart(string Code, Label Label, bool DontKnow);

internal sealed record RowPart(Guid ResponseId, IReadOnlyDictionary<string, string?> Values, double? Weight);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, NewLine = "\n")]
[JsonSerializable(typeof(ResultsDocument))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
