using Survey.Statistics;

namespace Survey.Statistics.Tests;

public class WeightingTests
{
    [Fact]
    public void Rake_SingleMargin_EqualsPostStratification()
    {
        var (design, _) = ReferenceData.Design("normal");
        var margin = ReferenceData.Margins("normal").Single(m => m.Variable == "district");
        var weighted = WeightingPipeline.CreateBuilder().Rake([margin]).Build().Run(design);
        var district = design.Variable("district");
        var sums = new double[district.Categories.Count];
        var rows = Enumerable.Range(0, design.Count).Where(i => district.Codes[i] >= 0).ToArray();
        foreach (var i in rows)
        {
            sums[district.Codes[i]] += design.BaseWeights[i];
        }
        foreach (var i in rows)
        {
            var k = district.Codes[i];
            var expected = design.BaseWeights[i] * margin.Totals[district.Categories[k]] / sums[k];
            Tolerance.Relative(expected, weighted.Weights[i], 1e-12, $"row {i + 1}");
        }
        Assert.True(weighted.Report.Iterations <= 2, "one sweep fits, a second confirms");
    }

    [Theory]
    [InlineData("small")]
    [InlineData("normal")]
    public void Rake_ReferenceData_WeightsSumToTotalAndMeetEveryMargin(string name)
    {
        var (design, _) = ReferenceData.Design(name);
        var margins = ReferenceData.Margins(name);
        var weighted = WeightingPipeline.CreateBuilder().Rake(margins).Build().Run(design);
        Tolerance.Relative(110600, weighted.Weights.Where(w => !double.IsNaN(w)).Sum(), 1e-10, "total");
        Tolerance.Relative(110600, weighted.Report.Total, 1e-10, "report total");
        foreach (var m in margins)
        {
            var v = design.Variable(m.Variable);
            foreach (var (category, total) in m.Totals)
            {
                var k = v.Categories.ToList().IndexOf(category);
                var sum = Enumerable.Range(0, design.Count).Where(i => v.Codes[i] == k && !double.IsNaN(weighted.Weights[i])).Sum(i => weighted.Weights[i]);
                Tolerance.Relative(total, sum, 1e-9, $"{m.Variable}={category}");
            }
        }
    }

    [Fact]
    public void Rake_OneIterationCap_ThrowsRakingDidNotConvergeWithMisfit()
    {
        var ex = Assert.Throws<RakingDidNotConvergeException>(() => ReferenceData.Weighted("normal", new RakingOptions { MaxIterations = 1 }));
        Assert.Equal(1, ex.Iterations);
        Assert.True(ex.LastMisfit > 1e-10);
        Assert.False(string.IsNullOrEmpty(ex.WorstVariable));
    }

    [Fact]
    public void Report_NormalData_CountsExclusionsAndKishDesignEffect()
    {
        var weighted = ReferenceData.Weighted("normal");
        var report = weighted.Report;
        var w = weighted.Weights.Where(x => !double.IsNaN(x)).ToArray();
        Assert.Equal(w.Length, report.Included);
        Assert.Equal(weighted.Count - w.Length, report.Excluded);
        Assert.True(report.Excluded > 0);
        var mean = w.Average();
        var cv2 = w.Sum(x => (x - mean) * (x - mean)) / w.Length / (mean * mean);
        Tolerance.Relative(1 + cv2, report.DesignEffect, 1e-10, "deff");
        Tolerance.Relative(w.Length / (1 + cv2), report.EffectiveSampleSize, 1e-10, "n_eff");
        Assert.Equal(w.Min(), report.Min);
        Assert.Equal(w.Max(), report.Max);
        Assert.True(report.Converged);
    }

    [Fact]
    public void Trim_TightBounds_WeightsWithinBoundsAndMarginsStillMet()
    {
        var (design, _) = ReferenceData.Design("normal");
        var margins = ReferenceData.Margins("normal");
        var untrimmed = WeightingPipeline.CreateBuilder().Rake(margins).Build().Run(design);
        var pipeline = WeightingPipeline.CreateBuilder().Rake(margins).Trim(new TrimmingOptions { Lower = 0.3, Upper = 1.8 }).Build();
        Assert.Equal(["rake", "trim"], pipeline.Steps);
        var trimmed = pipeline.Run(design);
        Assert.True(untrimmed.Report.Max > 1.8 * untrimmed.Report.Mean, $"fixture should need trimming: max {untrimmed.Report.Max}, min {untrimmed.Report.Min}, mean {untrimmed.Report.Mean}");
        Assert.True(trimmed.Report.TrimmingConverged, $"untrimmed max {untrimmed.Report.Max / untrimmed.Report.Mean} min {untrimmed.Report.Min / untrimmed.Report.Mean}; trimmed max {trimmed.Report.Max / trimmed.Report.Mean} min {trimmed.Report.Min / trimmed.Report.Mean} rounds {trimmed.Report.TrimRounds}");
        Assert.True(trimmed.Report.Trimmed > 0);
        Assert.True(trimmed.Report.Max <= 1.8 * trimmed.Report.Mean * (1 + 1e-6));
        Assert.True(trimmed.Report.Min >= 0.3 * trimmed.Report.Mean * (1 - 1e-6));
        Assert.True(trimmed.Report.MaxMisfit < 1e-9);
        Assert.True(trimmed.Report.DesignEffect < untrimmed.Report.DesignEffect);
    }

    [Fact]
    public void Rake_RespondentWithCategoryNotInTargets_ThrowsUnknownMarginCategory()
    {
        var gender = CategoricalVariable.FromValues("gender", ["man", "woman", "x"]);
        var design = new SampleDesign([gender]);
        var margin = new PopulationMargin("gender", new Dictionary<string, double> { ["man"] = 50, ["woman"] = 50 });
        var ex = Assert.Throws<UnknownMarginCategoryException>(() => WeightingPipeline.CreateBuilder().Rake([margin]).Build().Run(design));
        Assert.Equal("x", ex.Category);
    }

    [Fact]
    public void Builder_TrimWithoutRake_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => WeightingPipeline.CreateBuilder().Trim(new TrimmingOptions()));
    }
}

public class DisclosureTests
{
    [Fact]
    public void Apply_CountBelowMinimum_SuppressesAndBlanksNumbers()
    {
        var rule = new DisclosureRule { MinCellCount = 10 };
        var cell = rule.Apply(new CellEstimate("q", "yes", "eu", 25, 9, 1234, 0.36, 0.1, 0.2, 0.5));
        Assert.True(cell.Suppressed);
        Assert.True(cell.Indicative);
        Assert.Null(cell.Count);
        Assert.True(double.IsNaN(cell.Value) && double.IsNaN(cell.StandardError) && double.IsNaN(cell.Lower) && double.IsNaN(cell.WeightedCount));
    }

    [Fact]
    public void Apply_LargeCellInLargeGroup_KeepsNumbers()
    {
        var cell = new DisclosureRule().Apply(new CellEstimate("q", "yes", "nl", 300, 100, 1234, 0.36, 0.1, 0.2, 0.5));
        Assert.False(cell.Suppressed);
        Assert.False(cell.Indicative);
        Assert.Equal(0.36, cell.Value);
    }

    [Fact]
    public void CrosstabRun_SmallData_SuppressesTinyEuCellsAndFlagsIndicative()
    {
        var (design, rows) = ReferenceData.Design("small");
        var weighted = WeightingPipeline.CreateBuilder().Rake(ReferenceData.Margins("small")).Build().Run(design);
        SurveyVariable[] questions = [ReferenceData.Question(rows, "q_website"), ReferenceData.NumericQuestion(rows, "q_hours")];
        var result = Crosstab.Run(weighted, questions, design.Variable("nationality_group"));
        var eu = result.Cells.Where(c => c.Group == "eu").ToArray();
        Assert.NotEmpty(eu);
        Assert.All(eu, c => Assert.True(c.Suppressed && c.Indicative));
        Assert.Contains(result.Cells, c => c.Group == "all" && !c.Suppressed);
        Assert.Single(result.Tests);
    }
}

public class ComplementarySuppressionTests
{
    private static CellEstimate Cell(string group, string option, int count, int groupBase) =>
        new("q", option, group, groupBase, count, count * 10.0, (double)count / groupBase, 0.01, 0.1, 0.2);

    [Fact]
    public void ApplyAll_OneSmallCellInGroup_AlsoHidesTheSmallestOtherSoSubtractionRevealsNothing()
    {
        // nl: 40 yes, 25 no, 6 dk (base 71). Only dk is small; base - yes - no would give it away.
        var cells = new[] { Cell("nl", "yes", 40, 71), Cell("nl", "no", 25, 71), Cell("nl", "dk", 6, 71) };

        var result = new DisclosureRule().ApplyAll(cells);

        Assert.Equal([false, true, true], result.Select(c => c.Suppressed));
        Assert.All(result.Where(c => c.Suppressed), c => Assert.Null(c.Count));
    }

    [Fact]
    public void ApplyAll_SmallGroupAcrossOptions_AlsoHidesAnotherGroupSoAllMinusOthersRevealsNothing()
    {
        var cells = new[]
        {
            Cell("all", "yes", 70, 120), Cell("all", "no", 50, 120),
            Cell("nl", "yes", 40, 66), Cell("nl", "no", 26, 66),
            Cell("non_eu", "yes", 25, 49), Cell("non_eu", "no", 24, 49),
            Cell("eu", "yes", 5, 5 + 0), Cell("eu", "no", 0, 5),
        };

        var result = new DisclosureRule().ApplyAll(cells);

        var hidden = result.Where(c => c.Suppressed).Select(c => (c.Group, c.Option)).ToHashSet();
        // eu is primary; for each option, one more group must go (the smallest: non_eu).
        Assert.Contains(("eu", "yes"), hidden);
        Assert.Contains(("non_eu", "yes"), hidden);
        Assert.Contains(("non_eu", "no"), hidden);
        foreach (var option in new[] { "yes", "no" })
        {
            Assert.NotEqual(1, result.Count(c => c.Option == option && c.Suppressed));
        }
        foreach (var group in new[] { "all", "nl", "non_eu", "eu" })
        {
            Assert.NotEqual(1, result.Count(c => c.Group == group && c.Suppressed));
        }
    }

    [Fact]
    public void ApplyAll_NothingSmall_ChangesNothing()
    {
        var cells = new[] { Cell("nl", "yes", 40, 71), Cell("nl", "no", 31, 71) };

        Assert.All(new DisclosureRule().ApplyAll(cells), c => Assert.False(c.Suppressed));
    }
}
