using Survey.Statistics;

namespace Survey.Statistics.Tests;

/// <summary>Compares the engine with R's survey package on the fixtures in Reference/ (see Reference/README.md).</summary>
public class ReferenceTests
{
    public static TheoryData<string> DataSets => new() { "small", "normal" };

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Rake_ReferenceData_WeightsMatchRWithin1e8(string name)
    {
        var weighted = ReferenceData.Weighted(name);
        var expected = ReferenceData.ReadCsv($"{name}-weights.csv");
        Assert.Equal(expected.Count, weighted.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Tolerance.Relative(ReferenceData.Number(expected[i]["weight"]), weighted.Weights[i], 1e-8, $"{name} weight of row {i + 1}");
        }
        Assert.Equal(expected.Count(r => r["weight"].Length == 0), weighted.Report.Excluded);
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Estimates_ReferenceData_MatchSvymeanSvybyAndSvyciprop(string name)
    {
        var (design, rows) = ReferenceData.Design(name);
        var weighted = WeightingPipeline.CreateBuilder().Rake(ReferenceData.Margins(name), new RakingOptions { Tolerance = 1e-13 }).Build().Run(design);
        var by = design.Variable("nationality_group");
        var logit = new Dictionary<(string, string, string), CellEstimate>();
        var beta = new Dictionary<(string, string, string), CellEstimate>();
        foreach (var q in ReferenceData.Categorical)
        {
            var question = ReferenceData.Question(rows, q);
            foreach (var e in Estimation.Proportions(weighted, question, by))
            {
                logit[(q, e.Group, e.Option!)] = e;
            }
            foreach (var e in Estimation.Proportions(weighted, question, by, new EstimationOptions { ProportionInterval = ProportionInterval.KornGraubard }))
            {
                beta[(q, e.Group, e.Option!)] = e;
            }
        }
        foreach (var q in ReferenceData.Numeric)
        {
            foreach (var e in Estimation.Means(weighted, ReferenceData.NumericQuestion(rows, q), by))
            {
                logit[(q, e.Group, "")] = e;
            }
        }
        var expected = ReferenceData.ReadCsv($"{name}-estimates.csv");
        Assert.Equal(expected.Count, logit.Count);
        foreach (var row in expected)
        {
            var key = (row["question"], row["group"], row["option"]);
            var actual = logit[key];
            var what = $"{name} {key}";
            Assert.Equal(int.Parse(row["base"], System.Globalization.CultureInfo.InvariantCulture), actual.Base);
            Assert.Equal(int.Parse(row["count"], System.Globalization.CultureInfo.InvariantCulture), actual.Count);
            Tolerance.Relative(ReferenceData.Number(row["weighted_count"]), actual.WeightedCount, 1e-8, what + " weighted count");
            Tolerance.Relative(ReferenceData.Number(row["estimate"]), actual.Value, 1e-9, what + " estimate", 1e-9);
            Tolerance.Relative(ReferenceData.Number(row["se"]), actual.StandardError, 1e-6, what + " se");
            if (row["kind"] == "mean")
            {
                Tolerance.Relative(ReferenceData.Number(row["normal_low"]), actual.Lower, 1e-6, what + " ci low", 1e-6);
                Tolerance.Relative(ReferenceData.Number(row["normal_high"]), actual.Upper, 1e-6, what + " ci high", 1e-6);
                continue;
            }
            if (row["logit_low"].Length > 0)
            {
                Tolerance.Relative(ReferenceData.Number(row["logit_low"]), actual.Lower, 1e-6, what + " logit low", 1e-6);
                Tolerance.Relative(ReferenceData.Number(row["logit_high"]), actual.Upper, 1e-6, what + " logit high", 1e-6);
                Tolerance.Relative(ReferenceData.Number(row["beta_low"]), beta[key].Lower, 1e-6, what + " beta low", 1e-6);
                Tolerance.Relative(ReferenceData.Number(row["beta_high"]), beta[key].Upper, 1e-6, what + " beta high", 1e-6);
            }
        }
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void RaoScott_ReferenceData_MatchesSvychisqF(string name)
    {
        var (design, rows) = ReferenceData.Design(name);
        var weighted = WeightingPipeline.CreateBuilder().Rake(ReferenceData.Margins(name), new RakingOptions { Tolerance = 1e-13 }).Build().Run(design);
        foreach (var row in ReferenceData.ReadCsv($"{name}-chisq.csv"))
        {
            var result = RaoScott.Test(weighted, ReferenceData.Question(rows, row["question"]), design.Variable(row["by"]));
            var what = $"{name} {row["question"]}";
            Tolerance.Relative(ReferenceData.Number(row["f"]), result.Statistic, 1e-6, what + " F");
            Tolerance.Relative(ReferenceData.Number(row["ndf"]), result.NumeratorDf, 1e-6, what + " ndf");
            Tolerance.Relative(ReferenceData.Number(row["ddf"]), result.DenominatorDf, 1e-6, what + " ddf");
            Tolerance.Relative(ReferenceData.Number(row["p_value"]), result.PValue, 1e-6, what + " p");
        }
    }

    [Fact]
    public void Rake_MarginCategoryWithoutRespondents_ThrowsNamedException()
    {
        var ex = Assert.Throws<EmptyMarginCategoryException>(() => ReferenceData.Weighted("emptycat"));
        Assert.Equal("district", ex.Variable);
        Assert.Equal("stevenshof", ex.Category);
        Assert.Contains("stevenshof", ex.Message, StringComparison.Ordinal);
    }
}
