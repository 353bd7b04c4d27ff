using Survey.Cli.Analysis;
using Survey.Definitions.Targets;
using Survey.Testing;

namespace Survey.Definitions.Tests;

/// <summary><c>survey weight</c> reading targets through TargetsLoader, including a margin derived via the nationality mapping.</summary>
public sealed class AnalysisTargetsTests
{
    private static (int Code, string Out, string Err) Weight(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = WeightCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static TempDirectory Folder(string targets)
    {
        var temp = new TempDirectory();
        File.WriteAllText(temp.File("data.csv"), "id,nationality\n1,nl\n2,nl\n3,de\n4,gb\n5,us\n6,na\n7,other\n");
        File.WriteAllText(temp.File("spec.targets.yaml"), targets);
        File.WriteAllText(temp.File("spec.yaml"), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "targets-survey.yaml")).Replace("id: targets-survey", "id: spec", StringComparison.Ordinal));
        Directory.CreateDirectory(temp.File("shared"));
        File.Copy(Path.Combine(RepoPaths.Surveys, "shared", "nationality-groups.yaml"), Path.Combine(temp.Path, "shared", "nationality-groups.yaml"));
        return temp;
    }

    [Fact]
    public void Weight_DerivedMarginWithoutItsColumn_DerivesGroupsFromNationality()
    {
        using var temp = Folder("total: 1000\nmargins:\n  nationality_group:\n    derive: { from: nationality, grouping: coarse }\n    shares: { nl: 0.8, eu: 0.1, non_eu: 0.1 }\n");

        var (code, stdout, stderr) = Weight("--data", temp.File("data.csv"), "--targets", temp.File("spec.targets.yaml"), "--out", temp.File("w.csv"));

        Assert.True(code == 0, stderr);
        // 'na' (don't know in the survey next to the targets) and 'other' (no group in 'coarse') are not weighted.
        Assert.StartsWith("weighted 5 respondents (2 excluded", stdout, StringComparison.Ordinal);
        var weights = File.ReadAllLines(temp.File("w.csv")).Skip(1).Select(l => l[(l.LastIndexOf(',') + 1)..]).ToArray();
        Assert.Equal(["400", "400", "100", "50", "50", "", ""], weights.Select(w => w.Length == 0 ? "" : Math.Round(double.Parse(w, System.Globalization.CultureInfo.InvariantCulture), 6).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0.2", "; trimmed 0 weights in 0 rounds")]
    [InlineData("0.3", "; trimming did NOT meet its bounds together with the margins")]
    public void Weight_TargetsAskForTrimming_TrimsOrSaysTheBoundsCannotHoldAndKeepsTheMargins(string lower, string expected)
    {
        // Raked to the derived margin alone, 'gb' and 'us' weigh 50 against a mean of 200: 0.25 times the mean, and with
        // one weight per group no trimming can change that without breaking the margin.
        using var temp = Folder("total: 1000\nmargins:\n  nationality_group:\n    derive: { from: nationality, grouping: coarse }\n    shares: { nl: 0.8, eu: 0.1, non_eu: 0.1 }\n"
            + $"weighting:\n  trim: {{ lower: {lower}, upper: 3 }}\n");

        var (code, stdout, stderr) = Weight("--data", temp.File("data.csv"), "--targets", temp.File("spec.targets.yaml"), "--out", temp.File("w.csv"));

        Assert.True(code == 0, stderr);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
        var weights = File.ReadAllLines(temp.File("w.csv")).Skip(1).Select(l => l[(l.LastIndexOf(',') + 1)..]).Where(w => w.Length > 0)
            .Select(w => double.Parse(w, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(1000, weights.Sum(), 6);
        Assert.Equal(100, weights[2], 6);
    }

    [Fact]
    public void Weight_TargetsSumWrong_Exits1WithFileLineColumn()
    {
        using var temp = Folder("total: 1000\nmargins:\n  nationality: { nl: 0.5, de: 0.2 }\n");

        var (code, _, stderr) = Weight("--data", temp.File("data.csv"), "--targets", temp.File("spec.targets.yaml"), "--out", temp.File("w.csv"));

        Assert.Equal(1, code);
        Assert.Contains($"{temp.File("spec.targets.yaml")}:3:16: error: margin 'nationality' sums to 0.7", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Weight_ShippedCitySurveyWithPreferNotToSay_LeavesThatRespondentUnweighted()
    {
        using var temp = new TempDirectory();
        foreach (var file in new[] { "stadsenquete.yaml", "stadsenquete.targets.yaml" })
        {
            File.Copy(Path.Combine(RepoPaths.Surveys, file), temp.File(file));
        }
        // Rows that cover every category of every margin, then one respondent who preferred not to give an age.
        var targets = TargetsLoader.LoadFile(temp.File("stadsenquete.targets.yaml"), null, null).Targets!;
        var variables = targets.Margins.Select(m => m.Variable).ToList();
        var random = new Random(7);
        var lines = new List<string> { "id," + string.Join(',', variables) };
        for (var i = 0; i < 400; i++)
        {
            lines.Add($"{i + 1}," + string.Join(',', targets.Margins.Select(m => m.Shares.Keys.ElementAt(i < m.Shares.Count ? i : random.Next(m.Shares.Count)))));
        }
        var ageColumn = variables.IndexOf("age_band");
        Assert.True(ageColumn >= 0, "the city survey weights by age_band");
        lines.Add("401," + string.Join(',', variables.Select((v, i) => i == ageColumn ? "na" : targets.Margins[i].Shares.Keys.First())));
        File.WriteAllLines(temp.File("data.csv"), lines);

        var (code, stdout, stderr) = Weight("--data", temp.File("data.csv"), "--targets", temp.File("stadsenquete.targets.yaml"), "--out", temp.File("w.csv"));

        Assert.True(code == 0, stderr);
        Assert.Contains("(1 excluded", stdout, StringComparison.Ordinal);
        Assert.EndsWith(",", File.ReadAllLines(temp.File("w.csv"))[^1], StringComparison.Ordinal);
    }
}
