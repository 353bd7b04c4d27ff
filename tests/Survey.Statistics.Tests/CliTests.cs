using Survey.Cli.Analysis;
using Survey.Testing;

namespace Survey.Statistics.Tests;

public class CliTests
{
    private const string DomainTargets = """
        total: 110600
        margins:
          age_band: { "18-24": 0.190, "25-39": 0.275, "40-54": 0.210, "55-64": 0.135, "65+": 0.190 }
          gender: { man: 0.480, woman: 0.510, other: 0.010 }
          nationality_group: { nl: 0.861, eu: 0.062, non_eu: 0.077 }
        """;

    private static (int Code, string Out, string Err) Run(Func<string[], TextWriter, TextWriter, int> command, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = command(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Weight_DomainTargets_WritesWeightColumnSummingToTotalAndMatchingR()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("targets.yaml"), DomainTargets);
        var (code, _, err) = Run(WeightCommand.Run, "--data", ReferenceData.PathOf("small-data.csv"), "--targets", dir.File("targets.yaml"), "--out", dir.File("w.csv"));
        Assert.True(code == 0, err);
        var written = File.ReadAllLines(dir.File("w.csv"));
        Assert.EndsWith(",weight", written[0], StringComparison.Ordinal);
        var weights = written.Skip(1).Select(l => ReferenceData.Number(l[(l.LastIndexOf(',') + 1)..])).ToArray();
        var expected = ReferenceData.ReadCsv("small-weights.csv").Select(r => ReferenceData.Number(r["weight"])).ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            Tolerance.Relative(expected[i], weights[i], 1e-8, $"row {i + 1}");
        }
        Tolerance.Relative(110600, weights.Where(w => !double.IsNaN(w)).Sum(), 1e-9, "total");
    }

    [Fact]
    public void Crosstab_NormalData_MatchesRAndSuppressesSmallCells()
    {
        using var dir = new TempDirectory();
        var (code, stdout, err) = Run(CrosstabCommand.Run, "--data", ReferenceData.PathOf("normal-data.csv"), "--targets", ReferenceData.PathOf("normal-targets.yaml"),
            "--by", "nationality_group", "--base-weight", "base_weight", "--out", dir.File("ct.csv"));
        Assert.True(code == 0, err);
        Assert.Contains("Rao-Scott", stdout, StringComparison.Ordinal);
        var header = File.ReadLines(dir.File("ct.csv")).First();
        Assert.Equal("question,option,group,base,count,weighted_count,estimate,se,ci_low,ci_high,suppressed,indicative", header);
        var rows = ReadCsv(dir.File("ct.csv"));
        var complementary = 0;
        foreach (var r in ReferenceData.ReadCsv("normal-estimates.csv"))
        {
            var actual = rows.Single(a => a["question"] == r["question"] && a["group"] == r["group"] && a["option"] == r["option"]);
            // A base is shown, or hidden by disclosure control (then every cell of the group is too, or it is small).
            Assert.True(actual["base"] == r["base"] || actual["base"].Length == 0, $"base {actual["base"]} for {r["base"]}");
            if (int.Parse(r["count"], System.Globalization.CultureInfo.InvariantCulture) < 10)
            {
                Assert.Equal("true", actual["suppressed"]);
                Assert.Equal("", actual["estimate"]);
                continue;
            }
            if (actual["suppressed"] == "true")
            {
                // Complementary suppression: a large cell hidden so a small one cannot be recovered by subtraction.
                Assert.Equal("", actual["estimate"]);
                complementary++;
                continue;
            }
            Tolerance.Relative(ReferenceData.Number(r["estimate"]), ReferenceData.Number(actual["estimate"]), 1e-8, "estimate");
            Tolerance.Relative(ReferenceData.Number(r["se"]), ReferenceData.Number(actual["se"]), 1e-6, "se");
            var low = r["kind"] == "mean" ? r["normal_low"] : r["logit_low"];
            Tolerance.Relative(ReferenceData.Number(low), ReferenceData.Number(actual["ci_low"]), 1e-6, "ci low", 1e-6);
        }
        Assert.True(complementary > 0, "the normal data has small cells, so some complementary suppression is expected");
        Assert.True(complementary < rows.Count / 4, $"{complementary} complementary suppressions of {rows.Count} cells is too many");
    }

    [Fact]
    public void Crosstab_KornGraubard_IntervalsMatchRBetaMethod()
    {
        using var dir = new TempDirectory();
        var (code, _, err) = Run(CrosstabCommand.Run, "--data", ReferenceData.PathOf("normal-data.csv"), "--targets", ReferenceData.PathOf("normal-targets.yaml"),
            "--by", "nationality_group", "--base-weight", "base_weight", "--interval", "korn-graubard", "--out", dir.File("ct.csv"));
        Assert.True(code == 0, err);
        var rows = ReadCsv(dir.File("ct.csv"));
        var compared = 0;
        foreach (var r in ReferenceData.ReadCsv("normal-estimates.csv").Where(r => r["kind"] == "proportion"))
        {
            var actual = rows.Single(a => a["question"] == r["question"] && a["group"] == r["group"] && a["option"] == r["option"]);
            if (actual["suppressed"] == "true")
            {
                continue;
            }
            Tolerance.Relative(ReferenceData.Number(r["beta_low"]), ReferenceData.Number(actual["ci_low"]), 1e-6, "ci low", 1e-6);
            Tolerance.Relative(ReferenceData.Number(r["beta_high"]), ReferenceData.Number(actual["ci_high"]), 1e-6, "ci high", 1e-6);
            compared++;
        }
        Assert.True(compared > 20, $"only {compared} cells compared");
        Assert.Equal(2, Run(CrosstabCommand.Run, "--data", ReferenceData.PathOf("normal-data.csv"), "--targets", ReferenceData.PathOf("normal-targets.yaml"),
            "--by", "nationality_group", "--interval", "wald", "--out", dir.File("x.csv")).Code);
    }

    [Fact]
    public void Weight_TargetCategoryWithoutRespondents_Exits1NamingFileAndCategory()
    {
        using var dir = new TempDirectory();
        var (code, _, err) = Run(WeightCommand.Run, "--data", ReferenceData.PathOf("emptycat-data.csv"), "--targets", ReferenceData.PathOf("emptycat-targets.yaml"), "--out", dir.File("w.csv"));
        Assert.Equal(1, code);
        Assert.Contains("emptycat-targets.yaml", err, StringComparison.Ordinal);
        Assert.Contains("stevenshof", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Weight_BadYaml_Exits1WithLineAndColumn()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("t.yaml"), "total: 100\nmargins:\n  gender: { man: 0.5, woman: [ }\n");
        var (code, _, err) = Run(WeightCommand.Run, "--data", ReferenceData.PathOf("small-data.csv"), "--targets", dir.File("t.yaml"), "--out", dir.File("w.csv"));
        Assert.Equal(1, code);
        Assert.Contains("t.yaml:3:", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Weight_MissingDataFile_Exits1NamingFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("t.yaml"), DomainTargets);
        var (code, _, err) = Run(WeightCommand.Run, "--data", dir.File("nope.csv"), "--targets", dir.File("t.yaml"), "--out", dir.File("w.csv"));
        Assert.Equal(1, code);
        Assert.Contains("nope.csv", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Crosstab_MissingBy_Exits2()
    {
        Assert.Equal(2, Run(CrosstabCommand.Run, "--data", "a.csv", "--targets", "t.yaml", "--out", "o.csv").Code);
        Assert.Equal(2, Run(CrosstabCommand.Run, "--bogus", "x").Code);
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}
