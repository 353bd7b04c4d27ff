using Survey.Data;
using Survey.Definitions.Model;
using Survey.Exports;
using Survey.Statistics;

namespace Survey.Web.Results;

/// <summary>A download of a stored snapshot: the same numbers every time, written by <c>Survey.Exports</c>.</summary>
public sealed record SnapshotDownload(byte[] Content, string ContentType, string FileName);

/// <summary>Turns a <see cref="ResultSnapshot"/> back into the export model and writes one of the download formats.</summary>
public static class SnapshotDownloads
{
    public static IReadOnlyList<string> Formats { get; } = ["csv", "csv-nl", "xlsx", "json"];

    /// <summary>Null for an unknown format.</summary>
    public static SnapshotDownload? Write(SurveyDefinition survey, ResultSnapshot snapshot, string format, LanguageTag language)
    {
        var export = ToExport(survey, snapshot);
        var name = $"{survey.Id}-v{snapshot.SurveyVersion}-{snapshot.ComputedAt:yyyyMMdd-HHmm}";
        using var stream = new MemoryStream();
        switch (format)
        {
            case "csv":
                CrosstabCsv.Write(stream, export, CsvDialect.Standard, language);
                return new(stream.ToArray(), "text/csv; charset=utf-8", name + ".csv");
            case "csv-nl":
                CrosstabCsv.Write(stream, export, CsvDialect.DutchExcel, LanguageTag.Dutch);
                return new(stream.ToArray(), "text/csv; charset=utf-8", name + "-excel-nl.csv");
            case "xlsx":
                CrosstabXlsx.Write(stream, export, language);
                return new(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
            case "json":
                Survey.Exports.ResultsJson.Write(stream, export, microdata: null, export.Codebook);
                return new(stream.ToArray(), "application/json", name + ".json");
            default:
                return null;
        }
    }

    public static ResultsExport ToExport(SurveyDefinition survey, ResultSnapshot snapshot)
    {
        var report = ResultsJson.Report(snapshot);
        var cells = ResultsJson.Cells(snapshot).Select(c => new CellEstimate(
            c.Question, c.Option, c.Group, c.Base, c.Count, c.WeightedCount ?? double.NaN,
            c.Value ?? double.NaN, c.StandardError ?? double.NaN, c.Lower ?? double.NaN, c.Upper ?? double.NaN)
        {
            Suppressed = c.Suppressed,
            Indicative = c.Indicative,
        }).ToList();
        var tests = ResultsJson.Tests(snapshot).Select(t => new RaoScottResult(
            t.Question, t.By, t.Statistic ?? double.NaN, t.NumeratorDf ?? double.NaN, t.DenominatorDf ?? double.NaN, t.PValue ?? double.NaN)).ToList();
        var weighting = WeightingReport.FromStored(
            report.Iterations, report.MaxMisfit ?? double.NaN, report.Included, report.Excluded,
            report.MinWeight ?? double.NaN, report.MaxWeight ?? double.NaN, report.MeanWeight ?? double.NaN, report.WeightTotal,
            report.DesignEffect ?? double.NaN, report.EffectiveSampleSize ?? double.NaN);
        var options = new CrosstabOptions { Disclosure = new DisclosureRule { MinCellCount = report.MinCell } };
        return new ResultsExport(survey, weighting, new CrosstabResult(cells, tests), snapshot.GroupVariable,
            snapshot.ComputedAt, snapshot.ResponseCount, options, [.. report.TargetShares.Keys]);
    }
}
