using System.Globalization;
using System.Text;
using Survey.Definitions.Model;
using Survey.Statistics;

namespace Survey.Exports.Tests;

/// <summary>No download shows the numbers of a suppressed cell, even when a caller hands one over with its numbers still in.</summary>
public class DisclosureTests
{
    // Distinctive numbers that appear nowhere else in the fixture's outputs.
    private const double Value = 0.4321987, Se = 0.0765431, Lower = 0.2987654, Upper = 0.5876543, Weighted = 1234.5678;

    public static TheoryData<string> Cases => ["flagged", "unflagged-small-count"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void AllFormats_SuppressedCellWithNumbersLeftIn_NeverPrintNumbers(string kind)
    {
        var (results, microdata) = ExportFixture.Build();
        // "flagged": suppressed by the rule but numbers not blanked; "unflagged": disclosure control skipped (count 7 < 10).
        var leaky = kind == "flagged"
            ? new CellEstimate("satisfaction", "dk", "noord", 60, 17, Weighted, Value, Se, Lower, Upper) { Suppressed = true }
            : new CellEstimate("satisfaction", "dk", "noord", 60, 7, Weighted, Value, Se, Lower, Upper);
        var export = ExportFixture.WithCells(results, [.. results.Crosstab.Cells.Where(c => !(c.Group == "noord" && c.Option == "dk")), leaky], results.Crosstab.Tests);

        var outputs = AllOutputs(export, microdata);

        foreach (var (name, text) in outputs)
        {
            foreach (var number in Renderings())
            {
                Assert.False(text.Contains(number, StringComparison.Ordinal), $"{name} shows '{number}' of a suppressed cell.");
            }
        }
        var csvRow = outputs["crosstab.csv"].Split("\r\n").Single(l => l.StartsWith("satisfaction,", StringComparison.Ordinal) && l.Contains(",dk,", StringComparison.Ordinal) && l.Contains(",noord,", StringComparison.Ordinal));
        Assert.EndsWith(",noord,North,60,,,,,,,1,0", csvRow, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AllFormats_SuppressedCombinationCellWithNumbersLeftIn_NeverPrintNumbers(string kind)
    {
        var results = SplitExportFixture.Build(withDistrict: true);
        var (_, microdata) = ExportFixture.Build();
        // Dutch respondents in noord who are neutral: a cell of a combination of the two splits.
        var cells = results.Crosstab.Cells.ToList();
        var at = Enumerable.Range(0, cells.Count).Single(i =>
            cells[i] is { Question: "satisfaction", Option: "neutral", Group: "nl" } && results.SecondGroups![i] == "noord");
        cells[at] = kind == "flagged"
            ? new CellEstimate("satisfaction", "neutral", "nl", 36, 17, Weighted, Value, Se, Lower, Upper) { Suppressed = true }
            : new CellEstimate("satisfaction", "neutral", "nl", 36, 7, Weighted, Value, Se, Lower, Upper);
        var export = ExportFixture.WithCells(results, cells, results.Crosstab.Tests, results.SecondGroups);

        var outputs = AllOutputs(export, microdata);

        foreach (var (name, text) in outputs)
        {
            foreach (var number in Renderings())
            {
                Assert.False(text.Contains(number, StringComparison.Ordinal), $"{name} shows '{number}' of a suppressed cell.");
            }
        }
        var csvRow = outputs["crosstab.csv"].Split("\r\n").Single(l => l.StartsWith("satisfaction,", StringComparison.Ordinal) && l.Contains(",neutral,", StringComparison.Ordinal) && l.Contains(",nl,Dutch,noord,", StringComparison.Ordinal));
        Assert.EndsWith(",nl,Dutch,noord,Leiden North,36,,,,,,,1,0", csvRow, StringComparison.Ordinal);
        Assert.Contains(";nl;Nederlands;noord;Leiden-Noord;36;;;;;;;1;0", outputs["crosstab.nl.csv"], StringComparison.Ordinal);
        // In the sheet: the Leiden-Noord block (from row 13), option neutral (row 17), group nl (column F).
        var grid = XlsxGrid.Read(CrosstabXlsxTests.Write(export, LanguageTag.Dutch));
        Assert.Equal(("Leiden-Noord", "neutral", "Nederlands"), (grid.Cell("satisfaction", "A13").Display, grid.Cell("satisfaction", "A17").Display, grid.Cell("satisfaction", "F14").Display));
        Assert.Equal(("s", "verborgen"), (grid.Cell("satisfaction", "F17").Kind, grid.Cell("satisfaction", "F17").Display));
        using var json = System.Text.Json.JsonDocument.Parse(outputs["results.json"]);
        var cell = json.RootElement.GetProperty("cells")[at];
        Assert.Equal(("neutral", "nl", "noord", true), (cell.GetProperty("option").GetString(), cell.GetProperty("group").GetString(), cell.GetProperty("group2").GetString(), cell.GetProperty("suppressed").GetBoolean()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cell.GetProperty("estimate").ValueKind);
    }

    [Fact]
    public void AllFormats_BaseBelowMinimumCell_BaseNotShown()
    {
        var (results, microdata) = ExportFixture.Build();
        var tiny = new CellEstimate("age", null, "zuid", 7, 7, 280.5, 61.25, 2.5, 56.3, 66.2);
        var export = ExportFixture.WithCells(results, [.. results.Crosstab.Cells.Where(c => !(c.Question == "age" && c.Group == "zuid")), tiny]);
        var outputs = AllOutputs(export, microdata);
        Assert.Contains("age,How old are you?,,Mean,zuid,South,,,,,,,,1,1", outputs["crosstab.csv"], StringComparison.Ordinal);
        Assert.DoesNotContain("61.25", outputs["results.json"], StringComparison.Ordinal);
        Assert.DoesNotContain("\"base\": 7,", outputs["results.json"], StringComparison.Ordinal);
        var grid = XlsxGrid.Read(CrosstabXlsxTests.Write(export, LanguageTag.English));
        Assert.DoesNotContain(grid.Sheets.Single(s => s.Name == "age").Cells, c => c.Number is 7 or 61.25);
    }

    private static string[] Renderings() =>
    [
        .. new[] { Value, Se, Lower, Upper }.SelectMany(x => new[]
        {
            x.ToString("F6", CultureInfo.InvariantCulture),
            x.ToString("F6", CultureInfo.InvariantCulture).Replace('.', ','),
            x.ToString("R", CultureInfo.InvariantCulture),
            Math.Round(x, 6).ToString("R", CultureInfo.InvariantCulture),
        }),
        "1234.57", "1234,57", "1234.5678",
    ];

    private static Dictionary<string, string> AllOutputs(ResultsExport export, Microdata microdata)
    {
        var outputs = new Dictionary<string, string>();
        using (var writer = new StringWriter(CultureInfo.InvariantCulture))
        {
            CrosstabCsv.Write(writer, export, CsvDialect.Standard, LanguageTag.English);
            outputs["crosstab.csv"] = writer.ToString();
        }
        using (var writer = new StringWriter(CultureInfo.InvariantCulture))
        {
            CrosstabCsv.Write(writer, export, CsvDialect.DutchExcel, LanguageTag.Dutch);
            outputs["crosstab.nl.csv"] = writer.ToString();
        }
        using (var stream = new MemoryStream())
        {
            ResultsJson.Write(stream, export, microdata, export.Codebook);
            outputs["results.json"] = Encoding.UTF8.GetString(stream.ToArray());
        }
        var xlsx = CrosstabXlsxTests.Write(export, LanguageTag.Dutch);
        outputs["crosstab.xlsx"] = XlsxGrid.Read(xlsx).ToText() + RawXml(xlsx);
        return outputs;
    }

    // Every XML part of the package, so a number hidden anywhere in the file (not only in cells) is found.
    private static string RawXml(byte[] xlsx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }
        return text.ToString();
    }
}
