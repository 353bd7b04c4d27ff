using System.Globalization;
using System.Text;
using CsvHelper;
using Survey.Definitions.Model;

namespace Survey.Exports.Tests;

public class CrosstabCsvTests
{
    private static byte[] Write(ResultsExport results, CsvDialect dialect, LanguageTag labels)
    {
        using var stream = new MemoryStream();
        CrosstabCsv.Write(stream, results, dialect, labels);
        return stream.ToArray();
    }

    [Fact]
    public void Write_StandardEnglish_MatchesApproved()
    {
        var (results, _) = ExportFixture.Build();
        Approvals.Verify("crosstab.standard.en", "csv", Write(results, CsvDialect.Standard, LanguageTag.English));
    }

    [Fact]
    public void Write_DutchExcelDutch_MatchesApproved()
    {
        var (results, _) = ExportFixture.Build();
        Approvals.Verify("crosstab.dutch-excel.nl", "csv", Write(results, CsvDialect.DutchExcel, LanguageTag.Dutch));
    }

    [Fact]
    public void Write_Standard_HasNoBomCommasAndDecimalPoints()
    {
        var (results, _) = ExportFixture.Build();
        var bytes = Write(results, CsvDialect.Standard, LanguageTag.English);
        Assert.NotEqual(0xEF, bytes[0]);
        var lines = Encoding.UTF8.GetString(bytes).Split("\r\n");
        Assert.Equal(string.Join(',', CrosstabCsv.Header), lines[0]);
        Assert.Matches(@",0\.\d{6},", lines[1]);
    }

    [Fact]
    public void Write_DutchExcel_HasBomSemicolonsAndDecimalCommas()
    {
        var (results, _) = ExportFixture.Build();
        var bytes = Write(results, CsvDialect.DutchExcel, LanguageTag.Dutch);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(string.Join(';', CrosstabCsv.Header), lines[0]);
        Assert.Matches(@";0,\d{6};", lines[1]);
        Assert.DoesNotMatch(@"\d\.\d", lines[1]);
    }

    [Theory]
    [InlineData(CsvDialect.Standard)]
    [InlineData(CsvDialect.DutchExcel)]
    public void Write_ReadBackWithCsvHelper_RoundTripsEveryCell(CsvDialect dialect)
    {
        var (results, _) = ExportFixture.Build();
        var numbers = dialect == CsvDialect.DutchExcel ? new NumberFormatInfo { NumberDecimalSeparator = "," } : NumberFormatInfo.InvariantInfo;
        using var text = new StreamReader(new MemoryStream(Write(results, dialect, LanguageTag.English)), Encoding.UTF8);
        using var csv = CsvReader.Create(text, new CsvReaderOptions { HasHeader = false, Separator = dialect == CsvDialect.DutchExcel ? ';' : ',' });
        Assert.True(csv.Read());
        Assert.Equal(CrosstabCsv.Header, Fields(csv));
        foreach (var cell in results.Crosstab.Cells)
        {
            Assert.True(csv.Read());
            var f = Fields(csv);
            Assert.Equal(CrosstabCsv.Header.Length, f.Length);
            Assert.Equal([cell.Question, cell.Option ?? "", cell.Group], [f[0], f[2], f[4]]);
            Assert.Equal(cell.Suppressed ? "1" : "0", f[13]);
            Assert.Equal(cell.Indicative ? "1" : "0", f[14]);
            if (!cell.Suppressed)
            {
                Assert.Equal(cell.Count, int.Parse(f[7], CultureInfo.InvariantCulture));
                Assert.Equal(cell.Value, double.Parse(f[9], numbers), 6);
                Assert.Equal(cell.WeightedCount, double.Parse(f[8], numbers), 2);
            }
        }
        Assert.False(csv.Read());
    }

    [Fact]
    public void Write_TextWriterDutchExcel_StartsWithBomCharacter()
    {
        var (results, _) = ExportFixture.Build();
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CrosstabCsv.Write(writer, results, CsvDialect.DutchExcel, LanguageTag.Dutch);
        Assert.StartsWith("\uFEFFquestion;question_text;", writer.ToString(), StringComparison.Ordinal);
    }

    private static string[] Fields(CsvReader csv) => [.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)];
}
