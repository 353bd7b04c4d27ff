using System.Globalization;
using System.Text.Json;
using Survey.Definitions;
using Survey.Definitions.Model;

namespace Survey.Exports.Tests;

/// <summary>The codebook lists every microdata column, "other, namely" texts and rating end labels included.</summary>
public class CodebookTests
{
    private const string Yaml = """
        id: anders
        version: 1
        languages: [nl, en]
        title: { nl: Anders, en: Other }
        introduction: { nl: Welkom, en: Welcome }
        closing: { nl: Dank, en: Thanks }
        pages:
          - id: p1
            questions:
              - id: travel
                type: single
                text: { nl: Hoe reist u?, en: How do you travel? }
                options:
                  - { code: bike, text: { nl: Fiets, en: Bicycle } }
                  - { code: other, other: true, text: { nl: "Anders, namelijk", en: "Other, namely" } }
              - id: sports
                type: multiple
                text: { nl: Welke sporten?, en: Which sports? }
                options:
                  - { code: swim, text: { nl: Zwemmen, en: Swimming } }
                  - { code: other, other: true, text: { nl: "Iets anders, namelijk", en: "Something else, namely" } }
              - id: mark
                type: rating
                min: 1
                max: 10
                min_label: { nl: Heel slecht, en: Very bad }
                max_label: { nl: Uitstekend, en: Excellent }
                options:
                  - { code: dk, dont_know: true, text: { nl: Weet ik niet, en: Don't know } }
                text: { nl: Welk cijfer?, en: Which mark? }
        """;

    private static readonly Guid First = new("00000000-0000-4000-8000-000000000001");

    [Fact]
    public void For_ChoiceWithOtherOption_AddsOtherTextColumnAfterTheQuestionWithANote()
    {
        var codebook = Codebook.For(Survey());

        Assert.Equal(["travel", "travel_other", "sports.swim", "sports.other", "sports_other", "mark"], codebook.Variables.Select(v => v.Name));
        var other = codebook.Find("travel_other")!;
        Assert.True(other.IsText);
        Assert.Equal(("travel", "other", "other_text"), (other.QuestionId, other.Item, other.Type));
        Assert.Equal("How do you travel?: Other, namely", other.Label[LanguageTag.English]);
        Assert.Contains("Not in the crosstabs", other.Note!.En, StringComparison.Ordinal);
        Assert.Contains("Niet in de kruistabellen", other.Note.Nl, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Rating_EndPointsCarryTheirLabels()
    {
        var mark = Codebook.For(Survey()).Find("mark")!;

        Assert.Equal("1 = Heel slecht", mark.FindCode("1")!.Label.Nl);
        Assert.Equal("10 = Excellent", mark.FindCode("10")!.Label.En);
        Assert.Equal("5", mark.FindCode("5")!.Label.Nl);
        Assert.True(mark.FindCode("dk")!.DontKnow);
    }

    [Fact]
    public void CodebookCsv_Fixture_DescribesEveryMicrodataColumn()
    {
        var (results, microdata) = ExportFixture.Build();
        using var microdataText = new StringWriter(CultureInfo.InvariantCulture);
        MicrodataCsv.Write(microdataText, microdata, results.Codebook);
        using var codebookText = new StringWriter(CultureInfo.InvariantCulture);
        CodebookCsv.Write(codebookText, results.Codebook);

        var columns = microdataText.ToString().Split('\n')[0].TrimEnd('\r').Split(',');
        var described = codebookText.ToString().Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).Distinct().ToArray();
        Assert.Equal(columns, described);
        Assert.Equal(["response_id", "weight"], [columns[0], columns[^1]]);
        Assert.Contains("weight,,,weight,,Weegfactor,Weight,0,", codebookText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MicrodataCsv_OtherText_IsInItsOwnColumnAndDefused()
    {
        var codebook = Codebook.For(Survey());
        var microdata = new Microdata([new MicrodataRow(First, new Dictionary<string, string?>
        {
            ["travel"] = "other", ["travel_other"] = "=per kano", ["sports.swim"] = "0", ["sports.other"] = "1", ["sports_other"] = "Korfbal",
        }, 2.5)]);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        MicrodataCsv.Write(writer, microdata, codebook);

        Assert.Equal(
            ["response_id,travel,travel_other,sports.swim,sports.other,sports_other,mark,weight", "00000000-0000-4000-8000-000000000001,other,'=per kano,0,1,Korfbal,,2.5"],
            writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void ResultsJson_OtherText_InMicrodataAndCodebookWithNote()
    {
        var (fixture, _) = ExportFixture.Build();
        var survey = Survey();
        var results = new ResultsExport(survey, fixture.Report, new Statistics.CrosstabResult([], []), "travel", fixture.ComputedAt, 1, fixture.Options, []);
        var microdata = new Microdata([new MicrodataRow(First, new Dictionary<string, string?> { ["travel"] = "other", ["travel_other"] = "Per kano" }, null)]);
        using var stream = new MemoryStream();

        ResultsJson.Write(stream, results, microdata, results.Codebook);

        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal("Per kano", json.RootElement.GetProperty("microdata")[0].GetProperty("values").GetProperty("travel_other").GetString());
        var codebook = json.RootElement.GetProperty("codebook").EnumerateArray().ToList();
        Assert.Equal(["response_id", "travel", "travel_other", "sports.swim", "sports.other", "sports_other", "mark", "weight"],
            codebook.Select(v => v.GetProperty("variable").GetString()));
        var other = codebook.Single(v => v.GetProperty("variable").GetString() == "travel_other");
        Assert.Contains("Not in the crosstabs", other.GetProperty("note").GetProperty("en").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, codebook[0].GetProperty("question_id").ValueKind);
    }

    private static SurveyDefinition Survey()
    {
        var result = SurveyLoader.Load(Yaml, "anders.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        return result.Survey!;
    }
}
