using Survey.Definitions.Targets;
using Survey.Testing;

namespace Survey.Definitions.Tests;

public sealed class TargetsLoaderTests
{
    [Fact]
    public void Load_CountsAndNearlyOneShares_GivesSharesSummingToOneAndTotalsSummingToTotal()
    {
        var yaml = """
            total: 1000
            margins:
              gender: { man: 480, woman: 505, other: 12 }
              age_band: { young: 0.4, old: 0.5995 }
            """;

        var result = TargetsLoader.Load(yaml, "x.targets.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var targets = result.Targets!;
        Assert.Equal("x", targets.SurveyId);
        Assert.Equal(["gender", "age_band"], targets.Margins.Select(m => m.Variable));
        foreach (var margin in targets.Margins)
        {
            Assert.Equal(1, margin.Shares.Values.Sum(), 12);
            Assert.Equal(1000, margin.Totals.Values.Sum(), 9);
        }
        Assert.Equal(480.0 / 997, targets.FindMargin("gender")!.Shares["man"], 12);
        Assert.Null(targets.FindMargin("gender")!.DerivedFrom);
    }

    [Fact]
    public void Load_DerivedMargin_KeepsDeriveAndSkipsSurveyRulesWithoutSurvey()
    {
        var yaml = """
            total: 10
            margins:
              anything_goes: { a: 1.0 }
              nationality_group:
                derive: { from: nationality, grouping: coarse }
                shares: { nl: 0.8, eu: 0.1, non_eu: 0.1 }
            """;

        var result = TargetsLoader.Load(yaml, "t.targets.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Equal(new DerivedFrom("nationality", "coarse"), result.Targets!.FindMargin("nationality_group")!.DerivedFrom);
    }

    [Fact]
    public void LoadDirectory_TargetsWithoutSurveyFile_IsAnError()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("nobody.targets.yaml"), "total: 10\nmargins:\n  a: { x: 1 }\n");

        var result = TargetsCatalog.LoadDirectory(temp.Path, []);

        Assert.Equal(
            $"{temp.File("nobody.targets.yaml")}:1:1: error: there is no survey 'nobody' for these targets (expected nobody.yaml next to this file)",
            Assert.Single(result.Diagnostics).ToString());
        Assert.Empty(result.Targets);
    }

    [Fact]
    public void LoadDirectory_DerivedMarginWithoutMapping_IsAnError()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("spec.yaml"), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "targets-survey.yaml")).Replace("id: targets-survey", "id: spec", StringComparison.Ordinal));
        File.WriteAllText(temp.File("spec.targets.yaml"), "total: 10\nmargins:\n  ng:\n    derive: { from: nationality, grouping: coarse }\n    shares: { nl: 1 }\n");
        var surveys = SurveyCatalog.LoadDirectory(temp.Path);
        Assert.True(surveys.IsValid, string.Join("\n", surveys.Diagnostics));

        var result = TargetsCatalog.LoadDirectory(temp.Path, surveys.Surveys);

        Assert.Contains("is derived with grouping 'coarse', but there is no nationality mapping shared/nationality-groups.yaml", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WeightingDerivedAndResults_KeepsEverySetting()
    {
        var yaml = """
            total: 10
            margins:
              age_band: { young: 0.4, old: 0.6 }
            derived:
              nationality_detail: { from: nationality, grouping: fine }
            weighting:
              tolerance: 1e-8
              max_iterations: 40
              trim: { lower: 0.25, upper: 4 }
            results:
              by: [nationality_detail, age_band]
              then_by: [district]
              interval: korn_graubard
            """;

        var result = TargetsLoader.Load(yaml, "x.targets.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var targets = result.Targets!;
        Assert.Equal(new WeightingSettings(1e-8, 40, 0.25, 4), targets.Weighting);
        Assert.Equal(new DerivedFrom("nationality", "fine"), targets.Derived["nationality_detail"]);
        Assert.Equal(new DerivedFrom("nationality", "fine"), targets.DerivationOf("nationality_detail"));
        Assert.Null(targets.DerivationOf("age_band"));
        Assert.Equal(["nationality_detail", "age_band"], targets.Results.By);
        Assert.Equal(["district"], targets.Results.ThenBy);
        Assert.True(targets.Results.KornGraubard);
    }

    [Fact]
    public void Load_NoWeightingOrResults_DefaultsToNoTrimmingAndThePlatformSplit()
    {
        var result = TargetsLoader.Load("total: 10\nmargins:\n  age_band: { young: 0.4, old: 0.6 }\n", "x.targets.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.False(result.Targets!.Weighting.Trims);
        Assert.Empty(result.Targets.Results.By);
        Assert.Empty(result.Targets.Derived);
        Assert.False(result.Targets.Results.KornGraubard);
    }
}
