using Survey.Definitions.Model;
using Survey.Statistics;

namespace Survey.Exports.Tests;

public class CrosstabXlsxTests
{
    internal static byte[] Write(ResultsExport results, LanguageTag language)
    {
        using var stream = new MemoryStream();
        CrosstabXlsx.Write(stream, results, language);
        return stream.ToArray();
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public void Write_Fixture_CellGridMatchesApproved(string language)
    {
        var (results, _) = ExportFixture.Build();
        var grid = XlsxGrid.Read(Write(results, new LanguageTag(language)));
        Approvals.Verify($"crosstab.{language}.xlsx", "txt", grid.ToText());
    }

    [Fact]
    public void Write_Fixture_OpensWithoutValidationErrors()
    {
        var (results, _) = ExportFixture.Build();
        var grid = XlsxGrid.Read(Write(results, LanguageTag.Dutch));
        Assert.Empty(grid.ValidationErrors);
        Assert.Equal(["Toelichting", "satisfaction", "safety.day", "channels.web", "age"], grid.SheetNames);
    }

    [Fact]
    public void Write_Fixture_NumbersAreNumericCellsWithPercentFormat()
    {
        var (results, _) = ExportFixture.Build();
        var grid = XlsxGrid.Read(Write(results, LanguageTag.English));
        Assert.Equal("Notes", grid.SheetNames[0]);
        Assert.Equal(ExportFixture.Respondents, grid.Cell("Notes", "B4").Number);
        var satisfied = results.Crosstab.Cells.First(c => c.Question == "satisfaction" && c.Group == "all" && c.Option == "satisfied");
        var estimate = grid.Cell("satisfaction", "C6");
        Assert.Equal("n:164", estimate.Kind);
        Assert.Equal(satisfied.Value, estimate.Number!.Value, 12);
    }

    [Fact]
    public void Write_SuppressedCell_ShowsHiddenMarkInsteadOfNumber()
    {
        var (results, _) = ExportFixture.Build();
        var grid = XlsxGrid.Read(Write(results, LanguageTag.Dutch));
        // satisfaction = dk in noord: 5 respondents, below the minimum of 10.
        Assert.True(results.Crosstab.Cells.Single(c => c.Question == "satisfaction" && c.Group == "noord" && c.Option == "dk").Suppressed);
        var cell = grid.Cell("satisfaction", "F9");
        Assert.Equal(("s", "verborgen"), (cell.Kind, cell.Display));
    }

    [Fact]
    public void Write_LongAndClashingQuestionIds_SheetNamesUniqueValidAndFileValidates()
    {
        var (results, _) = ExportFixture.Build();
        string[] ids =
        [
            "a_question_id_that_is_much_longer_than_excel_allows.item_one",
            "a_question_id_that_is_much_longer_than_excel_allows.item_two",
            "Toelichting", "toelichting", "what?[x]:*/\\", "'quoted'", "History",
        ];
        var cells = ids.Select(id => new CellEstimate(id, "1", "all", 50, 20, 400, 0.4, 0.05, 0.3, 0.5)).ToList();
        var grid = XlsxGrid.Read(Write(ExportFixture.WithCells(results, cells), LanguageTag.Dutch));
        Assert.Empty(grid.ValidationErrors);
        var names = grid.SheetNames;
        Assert.Equal(ids.Length + 1, names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n =>
        {
            Assert.InRange(n.Length, 1, 31);
            Assert.True(n.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0, n);
            Assert.False(n.StartsWith('\'') || n.EndsWith('\''), n);
        });
        Assert.DoesNotContain("History", names, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Write_NonSeekableStream_WritesWholeFile()
    {
        var (results, _) = ExportFixture.Build();
        using var target = new MemoryStream();
        using (var forwardOnly = new ForwardOnlyStream(target))
        {
            CrosstabXlsx.Write(forwardOnly, results, LanguageTag.Dutch);
        }
        Assert.Empty(XlsxGrid.Read(target.ToArray()).ValidationErrors);
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}

public class SheetNamesTests
{
    [Fact]
    public void Claim_SameLongNameTwice_SecondGetsSuffixWithin31()
    {
        var names = new SheetNames();
        var first = names.Claim(new string('x', 40));
        var second = names.Claim(new string('X', 40));
        Assert.Equal(new string('x', 31), first);
        Assert.Equal(new string('X', 29) + "~2", second);
    }

    [Fact]
    public void Claim_InvalidCharactersAndEmpty_ReplacedOrDefaulted()
    {
        var names = new SheetNames();
        Assert.Equal("a_b_c", names.Claim("a/b:c"));
        Assert.Equal("Sheet", names.Claim("''"));
        Assert.Equal("history~2", names.Claim("history"));
    }
}
