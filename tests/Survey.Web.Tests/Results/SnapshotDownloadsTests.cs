using Survey.Data;
using Survey.Definitions;
using Survey.Exports;
using Survey.Web.Results;

namespace Survey.Web.Tests.Results;

/// <summary>How stored answers become microdata rows: every answer a resident gave reaches the researcher.</summary>
public sealed class SnapshotDownloadsTests
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
        """;

    [Fact]
    public void ToMicrodata_OtherNamelyTexts_AreInTheOtherColumns()
    {
        var survey = SurveyLoader.Load(Yaml, "anders.yaml").Survey!;
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var snapshot = new ResultSnapshot
        {
            SurveyId = "anders", ReportJson = "{}", CellsJson = "[]", TestsJson = "[]", GroupVariable = "travel",
            WeightsJson = Survey.Web.Results.ResultsJson.Write(new List<StoredWeight> { new(a, 1.5), new(b, null) }),
        };
        ResponseAnswer[] answers =
        [
            new() { ResponseId = a, QuestionId = "travel", Code = "other", Text = "Per kano" },
            new() { ResponseId = a, QuestionId = "sports", Code = "swim" },
            new() { ResponseId = a, QuestionId = "sports", Code = "other", Text = "Korfbal" },
            new() { ResponseId = b, QuestionId = "travel", Code = "bike" },
        ];

        var rows = SnapshotDownloads.ToMicrodata(survey, snapshot, answers.ToLookup(x => x.ResponseId)).Rows;

        Assert.Equal(("other", "Per kano", "1", "Korfbal"), (rows[0].Values["travel"], rows[0].Values["travel_other"], rows[0].Values["sports.other"], rows[0].Values["sports_other"]));
        Assert.Equal("bike", rows[1].Values["travel"]);
        Assert.Null(rows[1].Values["travel_other"]);
        var codebook = Codebook.For(survey);
        Assert.All(rows.SelectMany(r => r.Values.Keys), name => Assert.NotNull(codebook.Find(name)));
    }
}
