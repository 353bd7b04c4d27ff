using System.Text.RegularExpressions;
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
