using System.Globalization;
using System.Text.Json;
using Survey.Definitions;
using Survey.Definitions.Model;

namespace Survey.Exports.Tests;

/// <summary>
/// A date question with <c>precision: month</c> in the downloads: <c>yyyy-mm</c> in the microdata CSV and JSON, type
/// <c>month</c> with a note in the codebook (a day date stays <c>date</c>). SPSS and Stata: <see cref="SavWriterTests"/>,
/// <see cref="DtaWriterTests"/>.
/// </summary>
public class MonthExportTests
{
    private const string Yaml = """
        id: maand
        version: 1
        languages: [nl, en]
        title: { nl: Maand, en: Month }
        introduction: { nl: Welkom, en: Welcome }
        closing: { nl: Dank, en: Thanks }
        pages:
          - id: p1
            questions:
              - id: arrived
                type: date
                precision: month
                text: { nl: Wanneer kwam u?, en: When did you come? }
              - id: visit
                type: date
                text: { nl: Wanneer was uw bezoek?, en: When was your visit? }
        """;

    private static readonly Guid First = new("00000000-0000-4000-8000-000000000001");

    private static SurveyDefinition Survey()
    {
        var result = SurveyLoader.Load(Yaml, "maand.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        return result.Survey!;
    }

    private static Microdata Rows() => new([new MicrodataRow(First, new Dictionary<string, string?> { ["arrived"] = "2024-03", ["visit"] = "2024-12-03" }, 1.5)]);

    [Fact]
    public void CodebookFor_DateWithPrecisionMonth_IsTypeMonthWithANoteOnTheFormat()
    {
        var codebook = Codebook.For(Survey());

        var arrived = codebook.Find("arrived")!;
        Assert.Equal(Codebook.MonthType, arrived.Type);
        Assert.Contains("yyyy-mm", arrived.Note!.En, StringComparison.Ordinal);
        Assert.Contains("jjjj-mm", arrived.Note.Nl, StringComparison.Ordinal);
        Assert.Equal("date", codebook.Find("visit")!.Type);
    }

    [Fact]
    public void MicrodataCsv_Month_IsWrittenAsYearDashMonth()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        MicrodataCsv.Write(writer, Rows(), Codebook.For(Survey()));

        Assert.Equal(
            ["response_id,arrived,visit,weight", "00000000-0000-4000-8000-000000000001,2024-03,2024-12-03,1.5"],
            writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void CodebookCsv_Month_HasTypeMonthAndTheNoteInBothLanguages()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        CodebookCsv.Write(writer, Codebook.For(Survey()));

        Assert.Contains(
            "arrived,arrived,,month,,Wanneer kwam u?,When did you come?,0,Alleen maand en jaar gevraagd: jjjj-mm (2024-03 is maart 2024).,Only the month and year were asked: yyyy-mm (2024-03 is March 2024).",
            writer.ToString().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void ResultsJson_Month_InMicrodataAsWrittenAndInCodebookAsMonth()
    {
        var (fixture, _) = ExportFixture.Build();
        var results = new ResultsExport(Survey(), fixture.Report, new Statistics.CrosstabResult([], []), "arrived", fixture.ComputedAt, 1, fixture.Options, []);
        using var stream = new MemoryStream();

        ResultsJson.Write(stream, results, Rows(), results.Codebook);

        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal("2024-03", json.RootElement.GetProperty("microdata")[0].GetProperty("values").GetProperty("arrived").GetString());
        var arrived = json.RootElement.GetProperty("codebook").EnumerateArray().Single(v => v.GetProperty("variable").GetString() == "arrived");
        Assert.Equal("month", arrived.GetProperty("type").GetString());
    }

    [Fact]
    public void StatVariable_Month_IsTheFirstDayAndRefusesADay()
    {
        var variable = StatVariables.For(Codebook.For(Survey()), Rows().Rows).Single(v => v.Source.Name == "arrived");

        Assert.Equal(StatKind.Month, variable.Kind);
        Assert.Equal(StatMeasure.Scale, variable.Measure);
        Assert.Equal(new DateOnly(2024, 3, 1).DayNumber - new DateOnly(1970, 1, 1).DayNumber, variable.Number("2024-03"));
        Assert.Throws<FormatException>(() => variable.Number("2024-03-01"));
    }
}
