using System.Globalization;
using System.Text;
using Survey.Cli.Analysis;
using Survey.Testing;

namespace Survey.Statistics.Tests;

/// <summary><c>survey crosstab</c> on awkward data: empty questions, untestable questions, open answers, option order.</summary>
public sealed class CrosstabCliTests : IDisposable
{
    private const string Targets = """
        total: 1000
        margins:
          gender: { man: 0.49, woman: 0.51 }
          nationality_group: { nl: 0.8, eu: 0.1, non_eu: 0.1 }
        """;

    private const string SurveyYaml = """
        id: peiling
        version: 1
        languages: [nl, en]
        title: { nl: Peiling, en: Poll }
        introduction: { nl: Welkom, en: Welcome }
        closing: { nl: Dank, en: Thanks }
        pages:
          - id: p1
            questions:
              - id: travel
                type: single
                text: { nl: Hoe reist u?, en: How do you travel? }
                options:
                  - { code: walk, text: { nl: Lopen, en: Walking } }
                  - { code: bike, text: { nl: Fiets, en: Bicycle } }
                  - { code: other, other: true, text: { nl: "Anders, namelijk", en: "Other, namely" } }
        """;

    private readonly TempDirectory _dir = new();

    [Fact]
    public void Crosstab_QuestionNobodyAnswered_ReportsItEmptyAndWritesTheOthers()
    {
        WriteData(("mark", i => Mark(i)), ("unused", _ => ""));

        var (code, stdout, err) = Crosstab();

        Assert.True(code == 0, err);
        Assert.Contains("unused: empty, nobody answered it", stdout, StringComparison.Ordinal);
        var questions = Rows().Select(r => r[0]).Distinct().ToList();
        Assert.Equal(["mark"], questions);
    }

    [Fact]
    public void Crosstab_TestNotComputable_SaysCannotBeComputedNotNaN()
    {
        WriteData(("mixed", i => i % 3 == 0 ? "a" : "b"), ("always", _ => "yes"));

        var (code, stdout, err) = Crosstab();

        Assert.True(code == 0, err);
        Assert.Contains("always by nationality_group: Rao-Scott test cannot be computed", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", stdout, StringComparison.Ordinal);
        Assert.Contains("mixed by nationality_group: Rao-Scott F = ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Crosstab_NumberedOptionsWithoutSurvey_SortNumericallyBeforeCodes()
    {
        WriteData(("mark", i => Mark(i)));

        var (code, _, err) = Crosstab();

        Assert.True(code == 0, err);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "dk"], Options("mark"));
    }

    [Fact]
    public void Crosstab_SurveyNextToTargets_OptionsInSurveyOrderAndOtherTextsLeftOut()
    {
        File.WriteAllText(_dir.File("peiling.yaml"), SurveyYaml);
        WriteData(("travel", i => i % 3 == 0 ? "walk" : i % 3 == 1 ? "bike" : "other"), ("travel_other", i => i % 3 == 2 ? $"kano {i}" : ""));

        var (code, _, err) = Crosstab();

        Assert.True(code == 0, err);
        Assert.Equal(["walk", "bike", "other"], Options("travel"));
        Assert.DoesNotContain(Rows(), r => r[0] == "travel_other");
        var (named, _, namedErr) = Crosstab("--questions", "travel_other");
        Assert.Equal(2, named);
        Assert.Contains("open answers", namedErr, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private static string Mark(int i) => i % 11 == 10 ? "dk" : ((i % 10) + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>120 respondents in every gender and nationality group, plus the given question columns.</summary>
    private void WriteData(params (string Name, Func<int, string> Value)[] questions)
    {
        File.WriteAllText(_dir.File("peiling.targets.yaml"), Targets);
        var text = new StringBuilder("gender,nationality_group," + string.Join(",", questions.Select(q => q.Name)) + "\n");
        string[] groups = ["nl", "nl", "nl", "eu", "non_eu"];
        for (var i = 0; i < 120; i++)
        {
            text.Append(i % 2 == 0 ? "man" : "woman").Append(',').Append(groups[i % groups.Length]);
            foreach (var q in questions)
            {
                text.Append(',').Append(q.Value(i));
            }
            text.Append('\n');
        }
        File.WriteAllText(_dir.File("data.csv"), text.ToString());
    }

    private (int Code, string Out, string Err) Crosstab(params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] args = ["--data", _dir.File("data.csv"), "--targets", _dir.File("peiling.targets.yaml"), "--by", "nationality_group", "--out", _dir.File("ct.csv"), .. extra];
        var code = CrosstabCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private List<string[]> Rows() => [.. File.ReadAllLines(_dir.File("ct.csv")).Skip(1).Select(l => l.Split(','))];

    private List<string> Options(string question) =>
        [.. Rows().Where(r => r[0] == question && r[2] == "all").Select(r => r[1])];
}
