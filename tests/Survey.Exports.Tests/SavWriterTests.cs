using Survey.Definitions.Model;
using Survey.Exports.Tests.Readers;

namespace Survey.Exports.Tests;

/// <summary>The SPSS file read back by PSPP and by R haven, compared with the microdata and the codebook, in both languages.</summary>
public sealed class SavWriterTests : IDisposable
{
    private static readonly string[] Names =
    [
        "response_id", "district", "district_other", StatFixture.LongId[..64], "safety.day_time", "channels.web", "channels.phone",
        "age", "moved_in", "visit", "nobody", "remarks", "arrived", "weight",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("sav-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(LanguageTag language)
    {
        var path = Path.Combine(_folder, $"statfile-{language.Value}.sav");
        using var stream = File.Create(path);
        SavWriter.Write(stream, StatFixture.Microdata(), Codebook.For(StatFixture.Survey()), language, StatFixture.Info());
        return path;
    }

    public static TheoryData<string> Languages => ["nl", "en"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Write_ReadByHaven_ValuesAndLabelsMatchMicrodata(string language)
    {
        var tag = new LanguageTag(language);
        var file = ExternalReaders.Haven(Write(tag));
        StatFileAssert.MatchesMicrodata(file, Names, Codebook.For(StatFixture.Survey()), StatFixture.Microdata(), tag, StatFileAssert.SavLabel);
        Assert.Equal(tag == LanguageTag.Dutch ? "Stadspeiling é" : "City poll é", file.Label);
        Assert.Equal(StatFixture.LongText, file.Values["remarks"][1]);
        Assert.Equal("Ёлка, مدينة", file.Values["district_other"][1]);
        Assert.Equal("Date", file.Variables["visit"].Class);
        Assert.Equal("MOYR8", file.Variables["arrived"].Format);
    }

    [Fact]
    public void Write_ReadByHaven_CodesNumberedAndDontKnowUserMissing()
    {
        var file = ExternalReaders.Haven(Write(LanguageTag.English));
        Assert.Equal(["1", "3", "99", "98", "2"], file.Values["district"]);
        Assert.Equal(["98", "99"], file.MissingValues["district"]);
        Assert.Equal(["99"], file.MissingValues[StatFixture.LongId[..64]]);
        Assert.Equal("1 = Very bad", file.LabelOf(StatFixture.LongId[..64], "1"));
        Assert.Equal(["-1"], file.MissingValues["age"]);
        Assert.Empty(file.MissingValues["channels.web"]);
        Assert.Equal("Don't know", file.LabelOf("district", "99"));
    }

    [Fact]
    public void Write_ReadByPspp_WeightEncodingLevelsNotesAndOtherLanguage()
    {
        var info = ExternalReaders.PsppInfo(Write(LanguageTag.Dutch));
        var lines = info.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("Weight,Weegfactor", lines);
        Assert.Contains("Encoding,UTF-8", lines);
        Assert.Contains("Cases,5", lines);
        Assert.Contains("Cellen met minder dan 10 responses zijn onderdrukt.", info, StringComparison.Ordinal);
        Assert.Contains("Cells with fewer than 10 responses are suppressed.", info, StringComparison.Ordinal);
        Assert.Contains("age,8,Hoe oud bent u?,Scale,Input,10,Right,F12.1,F12.1,-1", lines);
        Assert.Contains("safety.day_time,5,[safety.day-time] Voelt u zich veilig?: Overdag,Ordinal,Input,10,Right,F8.0,F8.0,", lines);
        Assert.Contains("visit,10,Wanneer was uw laatste bezoek?,Scale,Input,11,Right,DATE11,DATE11,", lines);
        Assert.Contains("remarks,12,Opmerkingen,Nominal,Input,40,Left,A665,A665,", lines);
        Assert.Contains("arrived,13,Wanneer kwam u hier wonen?,Scale,Input,8,Right,MOYR8,MOYR8,", lines);
        Assert.Contains(",label_en,Which part do you live in?", lines);
        Assert.Contains(",value_labels_en[4],99=Don't know", lines);
        Assert.Contains("In welk deel woont u?,codes[1],noord=1", lines);
    }

    [Fact]
    public void Write_ReadByPsppConvert_SameRowsAsMicrodata()
    {
        var csv = ExternalReaders.PsppCsv(Write(LanguageTag.Dutch), labels: true).ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(string.Join(',', Names), csv[0]);
        Assert.StartsWith("00000000-0000-4000-8000-000000000001,Noord,,5 = Uitstekend,Ja,Gekozen,Niet gekozen,34,1999,03/01/2025, ,\"Meer groen, 'graag' \"\"nu\"\"\",03/01/2024,12.5", csv[1], StringComparison.Ordinal);
        Assert.StartsWith("00000000-0000-4000-8000-000000000002,\"Anders, namelijk\",\"Ёлка, مدينة\",Weet ik niet,Nee,Niet gekozen,Gekozen,Zeg ik liever niet, , , ," + StatFixture.LongText + ", ,0.333333", csv[2], StringComparison.Ordinal);
        Assert.StartsWith("00000000-0000-4000-8000-000000000004,Geen antwoord,, ,", csv[4], StringComparison.Ordinal);
        // pspp-convert writes every date as mm/dd/yyyy; a month is its first day (shown MAR 2024 in PSPP and SPSS: MOYR8).
        Assert.EndsWith(",12/01/1959,7", csv[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FourDontKnowCodes_DeclaredAsMissingRange()
    {
        CodebookCode Code(string code, bool dontKnow) => new(code, new Label(code, code), dontKnow);
        var codebook = new Codebook([new CodebookVariable("q", "q", null, "single", new Label("V", "Q"),
            [Code("a", false), Code("b", false), Code("dk", true), Code("na", true), Code("refused", true), Code("unknown", true)])]);
        var rows = new Microdata([new MicrodataRow(Guid.Empty, new Dictionary<string, string?> { ["q"] = "refused" }, 1)]);
        var path = Path.Combine(_folder, "range.sav");
        using (var stream = File.Create(path))
        {
            SavWriter.Write(stream, rows, codebook, LanguageTag.English, StatFixture.Info());
        }
        var file = ExternalReaders.Haven(path);
        Assert.Equal(("96", "99"), file.MissingRanges["q"]);
        Assert.Equal(["97"], file.Values["q"]);
        Assert.Equal("refused", file.LabelOf("q", "97"));
    }
}
