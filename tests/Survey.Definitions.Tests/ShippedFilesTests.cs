using System.Text.RegularExpressions;
using Survey.Definitions.Nationality;
using Survey.Definitions.Targets;
using Survey.Testing;

namespace Survey.Definitions.Tests;

/// <summary>Everything shipped under surveys/ and locales/ (and the README's example) must load without a single error.</summary>
public sealed partial class ShippedFilesTests
{
    [Fact]
    public void LoadDirectory_ShippedSurveys_HaveNoDiagnostics()
    {
        var result = SurveyCatalog.LoadDirectory(RepoPaths.Surveys);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void LoadDirectory_ShippedTargets_HaveNoDiagnosticsAndOnePerSurvey()
    {
        var surveys = SurveyCatalog.LoadDirectory(RepoPaths.Surveys);

        var result = TargetsCatalog.LoadDirectory(RepoPaths.Surveys, surveys.Surveys);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.NotNull(result.Groups);
        Assert.Equal(surveys.Surveys.Select(s => s.Id).Order(StringComparer.Ordinal), result.Targets.Select(t => t.SurveyId).Order(StringComparer.Ordinal));
        foreach (var margin in result.Targets.SelectMany(t => t.Margins))
        {
            Assert.Equal(1, margin.Shares.Values.Sum(), 9);
        }
    }

    [Fact]
    public void LoadFile_ShippedNationalityGroups_IsValidWithCoarseAndFine()
    {
        var result = NationalityGroups.LoadFile(Path.Combine(RepoPaths.Surveys, "shared", "nationality-groups.yaml"));

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Equal(["coarse", "fine"], result.Groups!.Groupings.Keys);
        Assert.Equal(["nl", "eu", "non_eu"], result.Groups.Groupings["coarse"].GroupCodes);
        Assert.Equal(["nl", "it", "de", "pl", "other_eu", "ua", "in", "cn", "gb", "other_non_eu"], result.Groups.Groupings["fine"].GroupCodes);
    }

    [Fact]
    public void LoadDirectory_ShippedSurveys_IgnoresSharedSubfolder()
    {
        Assert.DoesNotContain(SurveyCatalog.SurveyFiles(RepoPaths.Surveys), f => f.Contains("nationality-groups", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadDirectory_ShippedLocales_HaveNoDiagnostics()
    {
        var result = LocaleCatalog.LoadDirectory(RepoPaths.Locales);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Contains("nl", result.Texts.Keys);
        Assert.Contains("en", result.Texts.Keys);
    }

    [Fact]
    public void Load_ReadmeCompleteExample_IsValid()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Surveys, "README.md"));
        var example = ExampleBlock().Match(readme).Groups[1].Value;

        var result = SurveyLoader.Load(example, "surveys/README.md example");

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
    }

    [GeneratedRegex("## A complete example\\s+```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
