using System.Globalization;
using Survey.Definitions.Model;

namespace Survey.Exports.Tests;

public class MicrodataTests
{
    [Fact]
    public void CodebookFor_Fixture_OneVariablePerQuestionItemAndOption()
    {
        var codebook = Codebook.For(ExportFixture.Survey());
        Assert.Equal(
            ["district", "satisfaction", "safety.day", "safety.evening", "channels.web", "channels.phone", "channels.dk", "age", "moved_in", "remarks"],
            codebook.Variables.Select(v => v.Name));
        var dk = codebook.Find("channels.dk")!;
        Assert.True(dk.DontKnow);
        Assert.Equal(["1", "0"], dk.Codes.Select(c => c.Code));
        Assert.Equal("Voelt u zich veilig?: 's Avonds", codebook.Find("safety.evening")!.Label[LanguageTag.Dutch]);
        Assert.True(codebook.Find("satisfaction")!.FindCode("dk")!.DontKnow);
        Assert.Equal(["na"], codebook.Find("age")!.Codes.Select(c => c.Code));
        Assert.Empty(codebook.Find("remarks")!.Codes);
    }

    [Fact]
    public void CodebookCsv_Fixture_MatchesApproved()
    {
        var codebook = Codebook.For(ExportFixture.Survey());
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CodebookCsv.Write(writer, codebook);
        Approvals.Verify("codebook", "csv", writer.ToString());
    }

    [Fact]
    public void MicrodataCsv_Fixture_MatchesApproved()
    {
        var (results, microdata) = ExportFixture.Build();
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        MicrodataCsv.Write(writer, microdata, results.Codebook);
        Approvals.Verify("microdata", "csv", writer.ToString());
    }

    [Fact]
    public void MicrodataCsv_FormulaTypedAsRemark_IsWrittenAsText()
    {
        var (results, microdata) = ExportFixture.Build();
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        MicrodataCsv.Write(writer, microdata, results.Codebook);
        Assert.Contains("\"'=HYPERLINK(\"\"http://example.org\"\")\"", writer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MicrodataCsv_VariableNotInCodebook_Throws()
    {
        var (results, _) = ExportFixture.Build();
        var microdata = new Microdata([new MicrodataRow(Guid.Empty, new Dictionary<string, string?> { ["unknown"] = "1" }, 1)]);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Throws<ArgumentException>(() => MicrodataCsv.Write(writer, microdata, results.Codebook));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0)]
    [InlineData(-1)]
    public void MicrodataRow_WeightNotFinitePositive_Throws(double weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MicrodataRow(Guid.Empty, new Dictionary<string, string?>(), weight));
}

public class ResultsJsonTests
{
    [Fact]
    public void Write_WithMicrodata_MatchesApproved()
    {
        var (results, microdata) = ExportFixture.Build();
        using var stream = new MemoryStream();
        ResultsJson.Write(stream, results, microdata, results.Codebook);
        Approvals.Verify("results", "json", stream.ToArray());
    }

    [Fact]
    public void Write_WithoutMicrodata_IsValidJsonWithNullMicrodata()
    {
        var (results, _) = ExportFixture.Build();
        using var stream = new MemoryStream();
        ResultsJson.Write(stream, results, null, results.Codebook);
        using var json = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.RootElement.GetProperty("microdata").ValueKind);
        Assert.Equal(results.Crosstab.Cells.Count, json.RootElement.GetProperty("cells").GetArrayLength());
        Assert.Equal("buurtpeiling", json.RootElement.GetProperty("survey").GetProperty("id").GetString());
    }
}
