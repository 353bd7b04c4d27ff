using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Survey.Definitions.Model;
using Survey.Statistics;

namespace Survey.Exports.Tests;

/// <summary>Split labels that the codebook cannot give (a derived nationality group) and a second split, in every format.</summary>
public class SplitExportTests
{
    [Theory]
    [InlineData("nl", "Totaal", "Nederlands", "Andere EU-landen", "Buiten de EU")]
    [InlineData("en", "Total", "Dutch", "Other EU countries", "Outside the EU")]
    public void CrosstabCsv_DerivedSplit_GroupTextFromSplitLabels(string language, string all, string nl, string eu, string nonEu)
    {
        var rows = Csv(SplitExportFixture.Build(withDistrict: false), new LanguageTag(language));
        Assert.Equal(CrosstabCsv.Header, rows[0]);
        var texts = rows.Skip(1).Where(r => r[0] == "satisfaction" && r[2] == "satisfied").Select(r => (r[4], r[5]));
        Assert.Equal([("all", all), ("nl", nl), ("eu", eu), ("non_eu", nonEu)], texts);
    }

    [Theory]
    [InlineData("nl", "Nationaliteitsgroep", "Uitgesplitst naar: ", "Totaal", "Nederlands", "Andere EU-landen *", "Buiten de EU *")]
    [InlineData("en", "Nationality group", "Broken down by: ", "Total", "Dutch", "Other EU countries *", "Outside the EU *")]
    public void CrosstabXlsx_DerivedSplit_HeadersFromSplitLabels(string language, string split, string brokenDown, string all, string nl, string eu, string nonEu)
    {
        var grid = XlsxGrid.Read(CrosstabXlsxTests.Write(SplitExportFixture.Build(withDistrict: false), new LanguageTag(language)));
        Assert.Empty(grid.ValidationErrors);
        Assert.Equal(split, grid.Cell(grid.SheetNames[0], "B5").Display);
        Assert.Equal(brokenDown + split, grid.Cell("satisfaction", "A2").Display);
        Assert.Equal([all, nl, eu, nonEu], new[] { "C4", "F4", "I4", "L4" }.Select(r => grid.Cell("satisfaction", r).Display));
    }

    [Fact]
    public void ResultsJson_DerivedSplit_SplitWithGroupLabelsAndNoSecondSplit()
    {
        using var json = Json(SplitExportFixture.Build(withDistrict: false));
        var root = json.RootElement;
        Assert.Equal("nationality_group", root.GetProperty("group_variable").GetString());
        var split = root.GetProperty("split");
        Assert.Equal(("nationality_group", "Nationaliteitsgroep", "Nationality group"), (split.GetProperty("name").GetString(), Text(split, "nl"), Text(split, "en")));
        Assert.Equal(
            [("nl", "Nederlands", "Dutch"), ("eu", "Andere EU-landen", "Other EU countries"), ("non_eu", "Buiten de EU", "Outside the EU")],
            split.GetProperty("groups").EnumerateArray().Select(g => (g.GetProperty("code").GetString(), Text(g, "nl"), Text(g, "en"))));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("second_split").ValueKind);
        Assert.All(root.GetProperty("cells").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("group2").ValueKind));
    }

    [Fact]
    public void CrosstabCsv_SecondSplit_Group2ColumnsAndARowPerCombination()
    {
        var results = SplitExportFixture.Build(withDistrict: true);
        var rows = Csv(results, LanguageTag.English);
        Assert.Equal(
            ["question", "question_text", "option", "option_text", "group", "group_text", "group2", "group2_text", "base", "count", "weighted_count", "estimate", "se", "ci_low", "ci_high", "suppressed", "indicative"],
            rows[0]);
        Assert.Equal(results.Crosstab.Cells.Count + 1, rows.Count);
        var satisfied = rows.Where(r => r[0] == "satisfaction" && r[2] == "satisfied").Select(r => string.Join('|', r[4..8])).ToList();
        Assert.Equal(
        [
            "all|Total||", "nl|Dutch||", "eu|Other EU countries||", "non_eu|Outside the EU||",
            "all|Total|noord|Leiden North", "all|Total|zuid|Leiden South",
            "nl|Dutch|noord|Leiden North", "nl|Dutch|zuid|Leiden South",
            "eu|Other EU countries|noord|Leiden North", "eu|Other EU countries|zuid|Leiden South",
            "non_eu|Outside the EU|noord|Leiden North", "non_eu|Outside the EU|zuid|Leiden South",
        ], satisfied);
        var dutchInNorth = rows.Single(r => r[0] == "satisfaction" && r[2] == "satisfied" && r[4] == "nl" && r[6] == "noord");
        Assert.Equal(["36", "18", "360.00", "0.500000", "0", "0"], [.. dutchInNorth[8..12], .. dutchInNorth[15..]]);
        var south = rows.Single(r => r[0] == "age" && r[4] == "all" && r[6] == "zuid");
        Assert.Equal(["18", "18", "720.00", "47.444444", "0", "1"], [.. south[8..12], .. south[15..]]);
    }

    [Fact]
    public void CrosstabCsv_SecondSplitDutch_Group2TextInDutch()
    {
        var rows = Csv(SplitExportFixture.Build(withDistrict: true), LanguageTag.Dutch);
        Assert.Equal(["Leiden-Noord", "Leiden-Zuid"], rows.Skip(1).Where(r => r[6] != "").Select(r => r[7]).Distinct());
    }

    [Theory]
    [InlineData("nl", "Nationaliteitsgroep binnen Stadsdeel", "Totaal", "Leiden-Noord", "Leiden-Zuid", "Rao-Scott F-toets over alle combinaties van groepen")]
    [InlineData("en", "Nationality group within City district", "Total", "Leiden North", "Leiden South", "Rao-Scott F test across all combinations of groups")]
    public void CrosstabXlsx_SecondSplit_OneBlockPerLevelAndValid(string language, string breakdown, string all, string north, string south, string test)
    {
        var results = SplitExportFixture.Build(withDistrict: true);
        var grid = XlsxGrid.Read(CrosstabXlsxTests.Write(results, new LanguageTag(language)));
        Assert.Empty(grid.ValidationErrors);
        Assert.Equal(breakdown, grid.Cell(grid.SheetNames[0], "B5").Display);
        // satisfaction: a block is a heading, group and column headers, 4 options and a base row, then a blank row.
        Assert.Equal([all, north, south], new[] { "A4", "A13", "A22" }.Select(r => grid.Cell("satisfaction", r).Display));
        Assert.Equal(["satisfied", "satisfied", "satisfied"], new[] { "A7", "A16", "A25" }.Select(r => grid.Cell("satisfaction", r).Display));
        Assert.Equal(all, grid.Cell("satisfaction", "C14").Display);
        Assert.Equal(0.5, grid.Cell("satisfaction", "F16").Number);
        Assert.Equal(language == "nl" ? "verborgen" : "hidden", grid.Cell("satisfaction", "I16").Display);
        Assert.Equal([60.0, 36.0, 12.0, 12.0], new[] { "C20", "F20", "I20", "L20" }.Select(r => grid.Cell("satisfaction", r).Number ?? -1));
        Assert.Equal(language == "nl" ? "verborgen" : "hidden", grid.Cell("satisfaction", "I29").Display);
        Assert.Equal(test, grid.Cell("satisfaction", "A32").Display);
        var f = results.Crosstab.Tests.Single(t => t.Question == "satisfaction").Statistic;
        Assert.Equal(f, grid.Cell("satisfaction", "B33").Number!.Value, 12);
        // age is a mean: one row per block.
        Assert.Equal([all, north, south], new[] { "A4", "A10", "A16" }.Select(r => grid.Cell("age", r).Display));
        Assert.Equal(41.833333, grid.Cell("age", "I13").Number!.Value, 6);
    }

    [Fact]
    public void ResultsJson_SecondSplit_SecondSplitLabelsAndGroup2OnCells()
    {
        var results = SplitExportFixture.Build(withDistrict: true);
        using var json = Json(results);
        var root = json.RootElement;
        var second = root.GetProperty("second_split");
        Assert.Equal(("district", "Stadsdeel", "City district"), (second.GetProperty("name").GetString(), Text(second, "nl"), Text(second, "en")));
        Assert.Equal(
            [("noord", "Leiden-Noord", "Leiden North"), ("zuid", "Leiden-Zuid", "Leiden South")],
            second.GetProperty("groups").EnumerateArray().Select(g => (g.GetProperty("code").GetString(), Text(g, "nl"), Text(g, "en"))));
        var cells = root.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(results.Crosstab.Cells.Count, cells.Count);
        Assert.Equal(results.SecondGroups, cells.Select(c => c.GetProperty("group2").GetString()));
        var dutchInNorth = cells.Single(c => c.GetProperty("question").GetString() == "satisfaction" && c.GetProperty("option").GetString() == "satisfied"
            && c.GetProperty("group").GetString() == "nl" && c.GetProperty("group2").GetString() == "noord");
        Assert.Equal((18, 0.5), (dutchInNorth.GetProperty("count").GetInt32(), dutchInNorth.GetProperty("estimate").GetDouble()));
    }

    [Fact]
    public void SecondGroupsWithoutSecondSplitLabels_WritersShowCodes()
    {
        var results = SplitExportFixture.Build(withDistrict: true) with { SecondSplit = null };
        var rows = Csv(results, LanguageTag.English);
        Assert.Equal(["group2", "group2_text"], rows[0][6..8]);
        Assert.Contains(rows, r => r[4] == "eu" && r[5] == "Other EU countries" && r[6] == "noord" && r[7] == "noord");
        Assert.Equal("Nationality group within second split", XlsxGrid.Read(CrosstabXlsxTests.Write(results, LanguageTag.English)).Cell("Notes", "B5").Display);
        using var json = Json(results);
        var second = json.RootElement.GetProperty("second_split");
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (second.GetProperty("name").ValueKind, second.GetProperty("label").ValueKind));
        Assert.Equal(["noord", "zuid"], second.GetProperty("groups").EnumerateArray().Select(g => Text(g, "en")));
    }

    [Fact]
    public void SecondGroups_LengthDiffersFromCells_ThrowsArgumentException()
    {
        var results = SplitExportFixture.Build(withDistrict: false);
        var error = Assert.Throws<ArgumentException>(() => results with { SecondGroups = ["noord"] });
        Assert.Contains($"the crosstab has {results.Crosstab.Cells.Count} cells", error.Message, StringComparison.Ordinal);
    }

    private static List<string[]> Csv(ResultsExport results, LanguageTag language)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CrosstabCsv.Write(writer, results, CsvDialect.Standard, language);
        using var csv = CsvReader.Create(new StringReader(writer.ToString()), new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        }
        return rows;
    }

    private static JsonDocument Json(ResultsExport results)
    {
        using var stream = new MemoryStream();
        ResultsJson.Write(stream, results, null, results.Codebook);
        return JsonDocument.Parse(stream.ToArray());
    }

    private static string? Text(JsonElement labelled, string language) => labelled.GetProperty("label").GetProperty(language).GetString();
}
