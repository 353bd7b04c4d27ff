using Survey.Cli.Analysis;
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

    [Fact]
    public void Weight_TargetsSumWrong_Exits1WithFileLineColumn()
    {
        using var temp = Folder("total: 1000\nmargins:\n  nationality: { nl: 0.5, de: 0.2 }\n");

        var (code, _, stderr) = Weight("--data", temp.File("data.csv"), "--targets", temp.File("spec.targets.yaml"), "--out", temp.File("w.csv"));

        Assert.Equal(1, code);
        Assert.Contains($"{temp.File("spec.targets.yaml")}:3:16: error: margin 'nationality' sums to 0.7", stderr, StringComparison.Ordinal);
    }
}
