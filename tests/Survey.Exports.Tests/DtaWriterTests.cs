using Survey.Definitions.Model;
using Survey.Exports.Tests.Readers;

namespace Survey.Exports.Tests;

/// <summary>The Stata 118 file read back by R haven, compared with the microdata and the codebook, in both languages.</summary>
public sealed class DtaWriterTests : IDisposable
{
    private static readonly string[] Names =
    [
        "response_id", "district", "district_other", StatFixture.LongId[..32], "safety_day_time", "channels_web", "channels_phone",
        "age", "moved_in", "visit", "nobody", "remarks", "arrived", "weight",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("dta-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(LanguageTag language, Microdata? microdata = null)
    {
        var path = Path.Combine(_folder, $"statfile-{language.Value}.dta");
        using var stream = File.Create(path);
        DtaWriter.Write(stream, microdata ?? StatFixture.Microdata(), Codebook.For(StatFixture.Survey()), language, StatFixture.Info());
        return path;
    }

    public static TheoryData<string> Languages => ["nl", "en"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Write_ReadByHaven_ValuesAndLabelsMatchMicrodata(string language)
    {
        var tag = new LanguageTag(language);
        var file = ExternalReaders.Haven(Write(tag));
        StatFileAssert.MatchesMicrodata(file, Names, Codebook.For(StatFixture.Survey()), StatFixture.Microdata(), tag, StatFileAssert.DtaLabel);
        Assert.Equal(tag == LanguageTag.Dutch ? "Stadspeiling é" : "City poll é", file.Label);
        Assert.Equal("Date", file.Variables["visit"].Class);
        // A month (precision: month) is a Stata monthly date: 2024-03 is 2024m3 = 770, 1959-12 is -1.
        Assert.Equal("%tm", file.Variables["arrived"].Format);
        Assert.Equal(["770", "NA", "-1", "NA", "NA"], file.Values["arrived"]);
        Assert.Equal(["1", "3", "99", "98", "2"], file.Values["district"]);
    }

    [Fact]
    public void Write_TextOver2045Bytes_ReadBackWholeAsStrL()
    {
        var longer = string.Concat(Enumerable.Repeat("مدينة Ёлка é ", 300));
        var rows = StatFixture.Microdata().Rows.ToList();
        var values = new Dictionary<string, string?>(rows[0].Values, StringComparer.Ordinal) { ["remarks"] = longer };
        rows[0] = new MicrodataRow(rows[0].ResponseId, values, rows[0].Weight);
        var file = ExternalReaders.Haven(Write(LanguageTag.English, new Microdata(rows)));
        Assert.Equal(longer.TrimEnd(), file.Values["remarks"][0].TrimEnd());
        Assert.Equal(StatFixture.LongText, file.Values["remarks"][1]);
        Assert.Equal("", file.Values["remarks"][2]);
    }

    [Fact]
    public void Write_Dutch_NotesCarryMethodAndEnglishLabels()
    {
        // haven does not read characteristics: look for the zero-terminated notes in the file itself.
        var bytes = File.ReadAllBytes(Write(LanguageTag.Dutch));
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("district\0", text, StringComparison.Ordinal);
        Assert.Contains("Cellen met minder dan 10 responses zijn onderdrukt.\0", text, StringComparison.Ordinal);
        Assert.Contains("Cells with fewer than 10 responses are suppressed.\0", text, StringComparison.Ordinal);
        Assert.Contains("en: Which part do you live in?\0", text, StringComparison.Ordinal);
        Assert.Contains("en: 1 = North; 2 = South; 3 = Other, namely; 99 = Don't know; 98 = No answer\0", text, StringComparison.Ordinal);
        Assert.Contains("codes: noord = 1; zuid = 2; other = 3; dk = 99 (don't know / no answer); na = 98 (don't know / no answer)\0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StreamCannotSeek_Throws()
    {
        using var stream = new NonSeekable();
        Assert.Throws<ArgumentException>(() =>
            DtaWriter.Write(stream, StatFixture.Microdata(), Codebook.For(StatFixture.Survey()), LanguageTag.Dutch, StatFixture.Info()));
    }

    private sealed class NonSeekable : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
