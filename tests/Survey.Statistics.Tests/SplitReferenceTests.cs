using System.Globalization;
using Survey.Statistics;

namespace Survey.Statistics.Tests;

/// <summary>
/// Compares <see cref="SplitCrosstab"/> with R on the "normal" reference data (Reference/README.md): the combinations
/// of nationality group with district and with age band against <c>svyby(~q, ~interaction(g1, g2, drop = TRUE), ...)</c>
/// and <c>svychisq(~q + interaction(g1, g2), ...)</c>, and its one-way cells against <see cref="Crosstab.Run"/>.
/// </summary>
public class SplitReferenceTests
{
    private const string Name = "normal";
    private const string By = "nationality_group";
    private static readonly string[] ThenBy = ["district", "age_band"];

    private static readonly CrosstabOptions NoDisclosure = new() { Disclosure = new DisclosureRule { MinCellCount = 0, MinGroupBase = 0 } };

    [Fact]
    public void SplitCrosstab_Combinations_MatchSvybyOnInteraction()
    {
        var (weighted, questions, by, thenBy) = Load();
        var logit = Combinations(SplitCrosstab.Run(weighted, questions, [by], thenBy, NoDisclosure));
        var beta = Combinations(SplitCrosstab.Run(weighted, questions, [by], thenBy,
            NoDisclosure with { Estimation = new EstimationOptions { ProportionInterval = ProportionInterval.KornGraubard } }));
        var expected = ReferenceData.ReadCsv($"{Name}-estimates-2way.csv");
        Assert.Equal(expected.Count, logit.Count);
        foreach (var row in expected)
        {
            var key = (row["question"], row["by"], row["then_by"], row["group"], row["group2"], row["option"]);
            var what = $"{Name} {key}";
            Assert.True(logit.TryGetValue(key, out var actual), $"{what}: no combination cell from SplitCrosstab");
            Assert.Equal(int.Parse(row["base"], CultureInfo.InvariantCulture), actual.Base);
            Assert.Equal(int.Parse(row["count"], CultureInfo.InvariantCulture), actual.Count);
            Tolerance.Relative(ReferenceData.Number(row["weighted_count"]), actual.WeightedCount, 1e-8, what + " weighted count");
            Tolerance.Relative(ReferenceData.Number(row["estimate"]), actual.Value, 1e-9, what + " estimate", 1e-9);
            Tolerance.Relative(ReferenceData.Number(row["se"]), actual.StandardError, 1e-6, what + " se");
            if (row["kind"] == "mean")
            {
                Tolerance.Relative(ReferenceData.Number(row["normal_low"]), actual.Lower, 1e-6, what + " ci low", 1e-6);
                Tolerance.Relative(ReferenceData.Number(row["normal_high"]), actual.Upper, 1e-6, what + " ci high", 1e-6);
                continue;
            }
            // Empty in R where p is 0 or 1: no logit interval there (the engine gives NaN).
            Tolerance.Relative(ReferenceData.Number(row["logit_low"]), actual.Lower, 1e-6, what + " logit low", 1e-6);
            Tolerance.Relative(ReferenceData.Number(row["logit_high"]), actual.Upper, 1e-6, what + " logit high", 1e-6);
            if (row["beta_low"].Length > 0)
            {
                Tolerance.Relative(ReferenceData.Number(row["beta_low"]), beta[key].Lower, 1e-6, what + " beta low", 1e-6);
                Tolerance.Relative(ReferenceData.Number(row["beta_high"]), beta[key].Upper, 1e-6, what + " beta high", 1e-6);
            }
        }
    }

    [Fact]
    public void SplitCrosstab_CombinationTests_MatchSvychisqOnInteraction()
    {
        var (weighted, questions, by, thenBy) = Load();
        var tests = SplitCrosstab.Run(weighted, questions, [by], thenBy, NoDisclosure).Tests;
        foreach (var row in ReferenceData.ReadCsv($"{Name}-chisq-2way.csv"))
        {
            var what = $"{Name} {row["question"]} by {row["by"]} x {row["then_by"]}";
            var result = Assert.Single(tests, t => t.ThenBy == row["then_by"] && t.Test.By == row["by"] && t.Test.Question == row["question"]).Test;
            Tolerance.Relative(ReferenceData.Number(row["f"]), result.Statistic, 1e-6, what + " F");
            Tolerance.Relative(ReferenceData.Number(row["ndf"]), result.NumeratorDf, 1e-6, what + " ndf");
            Tolerance.Relative(ReferenceData.Number(row["ddf"]), result.DenominatorDf, 1e-6, what + " ddf");
            Tolerance.Relative(ReferenceData.Number(row["p_value"]), result.PValue, 1e-6, what + " p");
        }
    }

    [Fact]
    public void SplitCrosstab_OneWayCellsAndTests_EqualCrosstabRun()
    {
        var (weighted, questions, by, thenBy) = Load();
        var split = SplitCrosstab.Run(weighted, questions, [by], thenBy, NoDisclosure);
        foreach (var variable in (CategoricalVariable[])[by, .. thenBy])
        {
            var crosstab = Crosstab.Run(weighted, questions, variable, NoDisclosure);
            // Overall cells come once, from the first split variable; group cells per split variable.
            var expected = crosstab.Cells.Where(c => c.Group != Estimation.AllGroup || variable == by).ToList();
            var actual = split.Cells
                .Where(c => c.ThenBy is null && (c.By == variable.Name || (c.By is null && variable == by)))
                .Select(c => c.Estimate)
                .ToList();
            var byKey = actual.ToLookup(Key);
            foreach (var cell in expected)
            {
                var matches = byKey[Key(cell)].ToList();
                Assert.True(matches.Count == 1, $"by {variable.Name}: SplitCrosstab has {matches.Count} one-way cells {Key(cell)}, Crosstab.Run has 1");
                Assert.Equal(cell, matches[0]);
            }
            Assert.Equal(expected.Count, actual.Count);
            Assert.Equal(crosstab.Tests, split.Tests.Where(t => t.ThenBy is null && t.Test.By == variable.Name).Select(t => t.Test));
        }
    }

    private static (string Question, string Group, string Option) Key(CellEstimate cell) => (cell.Question, cell.Group, cell.Option ?? "");

    private static (WeightedDesign Weighted, IReadOnlyList<SurveyVariable> Questions, CategoricalVariable By, CategoricalVariable[] ThenBy) Load()
    {
        var (design, rows) = ReferenceData.Design(Name);
        var weighted = WeightingPipeline.CreateBuilder().Rake(ReferenceData.Margins(Name), new RakingOptions { Tolerance = 1e-13 }).Build().Run(design);
        return (weighted, ReferenceData.Questions(rows), design.Variable(By), [.. ThenBy.Select(design.Variable)]);
    }

    /// <summary>The combination cells keyed like a row of X-estimates-2way.csv: question, by, then_by, group, group2, option.</summary>
    private static Dictionary<(string, string, string, string, string, string), CellEstimate> Combinations(SplitCrosstabResult result) =>
        result.Cells.Where(c => c.ThenBy is not null).ToDictionary(
            c => (c.Estimate.Question, c.By!, c.ThenBy!, c.Estimate.Group, c.Group2!, c.Estimate.Option ?? ""),
            c => c.Estimate);
}
