using Survey.Data;
using Survey.Definitions.Model;
using Survey.Exports;
using Survey.Statistics;
using Survey.Web.Infrastructure;

namespace Survey.Web.Results;

/// <summary>A download of a stored snapshot: the same numbers every time, written by <c>Survey.Exports</c>.</summary>
public sealed record SnapshotDownload(byte[] Content, string ContentType, string FileName);

/// <summary>Turns a <see cref="ResultSnapshot"/> back into the export model and writes one of the download formats.</summary>
public static class SnapshotDownloads
{
    public static IReadOnlyList<string> Formats { get; } = ["csv", "csv-nl", "xlsx", "json", "microdata", "codebook", "sav", "dta"];

    /// <summary>
    /// Null for an unknown format. <paramref name="answers"/> are the stored answers of the snapshot's responses (only
    /// read for microdata, SPSS, Stata and JSON): the microdata are the responses the snapshot was computed from, with their weights.
    /// </summary>
    public static SnapshotDownload? Write(
        SurveyLibrary library, SurveyDefinition survey, ResultSnapshot snapshot, SplitChoice choice, string format, LanguageTag language, ILookup<Guid, ResponseAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var export = ToExport(library, survey, snapshot, choice);
        var split = choice.ThenBy is null ? choice.By : $"{choice.By}-{choice.ThenBy}";
        var name = FileStem(survey, snapshot);
        var tableName = $"{name}-{split}";
        using var stream = new MemoryStream();
        switch (format)
        {
            case "csv":
                CrosstabCsv.Write(stream, export, CsvDialect.Standard, language);
                return new(stream.ToArray(), "text/csv; charset=utf-8", tableName + ".csv");
            case "csv-nl":
                // The dialect is for Dutch Excel settings; the labels follow the page, like the other downloads.
                CrosstabCsv.Write(stream, export, CsvDialect.DutchExcel, language);
                return new(stream.ToArray(), "text/csv; charset=utf-8", tableName + "-excel-nl.csv");
            case "xlsx":
                CrosstabXlsx.Write(stream, export, language);
                return new(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", tableName + ".xlsx");
            case "json":
                Survey.Exports.ResultsJson.Write(stream, export, ToMicrodata(survey, snapshot, answers), export.Codebook);
                return new(stream.ToArray(), "application/json", tableName + ".json");
            case "microdata":
                WriteText(stream, writer => MicrodataCsv.Write(writer, ToMicrodata(survey, snapshot, answers), export.Codebook));
                return new(stream.ToArray(), "text/csv; charset=utf-8", name + "-microdata.csv");
            case "sav":
                SavWriter.Write(stream, ToMicrodata(survey, snapshot, answers), export.Codebook, language, StatFileInfo.For(export));
                return new(stream.ToArray(), "application/x-spss-sav", name + "-microdata.sav");
            case "dta":
                DtaWriter.Write(stream, ToMicrodata(survey, snapshot, answers), export.Codebook, language, StatFileInfo.For(export));
                return new(stream.ToArray(), "application/x-stata-dta", name + "-microdata.dta");
            case "codebook":
                WriteText(stream, writer => CodebookCsv.Write(writer, export.Codebook));
                return new(stream.ToArray(), "text/csv; charset=utf-8", name + "-codebook.csv");
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>&lt;survey&gt;-v&lt;version&gt;-&lt;yyyyMMdd-HHmm&gt;-amsterdam</c>: the computation time in Europe/Amsterdam, the one time
    /// zone of the researcher pages, named in the file name so a file read elsewhere is not mistaken for UTC.
    /// </summary>
    public static string FileStem(SurveyDefinition survey, ResultSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(snapshot);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{survey.Id}-v{snapshot.SurveyVersion}-{AmsterdamTime.Convert(snapshot.ComputedAt):yyyyMMdd-HHmm}-amsterdam");
    }

    /// <summary>The ids of the responses a snapshot was computed from (empty for snapshots from before weights were stored).</summary>
    public static IReadOnlyList<Guid> ResponseIds(ResultSnapshot snapshot) => [.. ResultsJson.Weights(snapshot).Select(w => w.Id)];

    private static void WriteText(Stream stream, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
        write(writer);
    }

    /// <summary>
    /// One row per response of the snapshot, its answers as codebook variables (<c>q</c>, <c>q.item</c> for matrix items,
    /// <c>q.option</c> = 1/0 for multiple choice when the question was answered, <c>q_other</c> for the "other, namely"
    /// text) and its weight.
    /// </summary>
    public static Microdata ToMicrodata(SurveyDefinition survey, ResultSnapshot snapshot, ILookup<Guid, ResponseAnswer> answers)
    {
        var rows = new List<MicrodataRow>();
        foreach (var stored in ResultsJson.Weights(snapshot))
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            var byQuestion = answers[stored.Id].ToLookup(a => a.QuestionId, StringComparer.Ordinal);
            foreach (var question in survey.Questions)
            {
                var given = byQuestion[question.Id].ToList();
                if (given.Count == 0)
                {
                    continue;
                }
                switch (question.Type)
                {
                    case "matrix":
                        foreach (var a in given.Where(a => a.Item is not null))
                        {
                            values[$"{question.Id}.{a.Item}"] = a.Code;
                        }
                        break;
                    case "multiple":
                        foreach (var option in question.Settings.Options)
                        {
                            values[$"{question.Id}.{option.Code}"] = given.Any(a => a.Code == option.Code) ? "1" : "0";
                        }
                        break;
                    default:
                        values[question.Id] = given[0].Code ?? given[0].Text;
                        break;
                }
                if (question.Settings.Options.FirstOrDefault(o => o.Other) is { } other)
                {
                    values[Codebook.OtherVariable(question.Id)] = given.FirstOrDefault(a => a.Code == other.Code && a.Text is not null)?.Text;
                }
            }
            rows.Add(new MicrodataRow(stored.Id, values, stored.Weight));
        }
        return new Microdata(rows);
    }

    /// <summary>The export model of one split of a snapshot, with the labels of its groups.</summary>
    public static ResultsExport ToExport(SurveyLibrary library, SurveyDefinition survey, ResultSnapshot snapshot, SplitChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var report = ResultsJson.Report(snapshot);
        var stored = SnapshotSplits.Cells(snapshot, choice);
        var cells = stored.Select(c => new CellEstimate(
            c.Question, c.Option, c.Group, c.Base, c.Count, c.WeightedCount ?? double.NaN,
            c.Value ?? double.NaN, c.StandardError ?? double.NaN, c.Lower ?? double.NaN, c.Upper ?? double.NaN)
        {
            Suppressed = c.Suppressed,
            Indicative = c.Indicative,
            BaseSuppressed = c.BaseSuppressed,
        }).ToList();
        var tests = SnapshotSplits.Tests(snapshot, choice).Select(t => new RaoScottResult(
            t.Question, t.By, t.Statistic ?? double.NaN, t.NumeratorDf ?? double.NaN, t.DenominatorDf ?? double.NaN, t.PValue ?? double.NaN)).ToList();
        var weighting = WeightingReport.FromStored(
            report.Iterations, report.MaxMisfit ?? double.NaN, report.Included, report.Excluded,
            report.MinWeight ?? double.NaN, report.MaxWeight ?? double.NaN, report.MeanWeight ?? double.NaN, report.WeightTotal,
            report.DesignEffect ?? double.NaN, report.EffectiveSampleSize ?? double.NaN);
        var options = new CrosstabOptions
        {
            Disclosure = new DisclosureRule { MinCellCount = report.MinCell },
            Estimation = new EstimationOptions { ProportionInterval = report.KornGraubard ? ProportionInterval.KornGraubard : ProportionInterval.Logit },
        };
        return new ResultsExport(survey, weighting, new CrosstabResult(cells, tests), choice.By,
            AmsterdamTime.Convert(snapshot.ComputedAt), snapshot.ResponseCount, options, [.. report.TargetShares.Keys])
        {
            Split = Labels(SnapshotSplits.Variable(library, survey, choice.By)),
            SecondSplit = choice.ThenBy is null ? null : Labels(SnapshotSplits.Variable(library, survey, choice.ThenBy)),
            SecondGroups = choice.ThenBy is null ? null : [.. stored.Select(c => c.Group2)],
        };
    }

    private static SplitLabels? Labels(SplitVariable? variable) =>
        variable is null ? null : new SplitLabels(variable.Name, variable.Label, variable.Groups.ToDictionary(g => g.Code, g => g.Label, StringComparer.Ordinal));
}
