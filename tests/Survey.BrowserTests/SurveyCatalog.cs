using System.Text.RegularExpressions;
using Survey.Testing;

namespace Survey.BrowserTests;

/// <summary>The shipped surveys respondents can take: every <c>surveys/*.yaml</c> but the weighting targets, unless closed.</summary>
internal static partial class SurveyCatalog
{
    public static IReadOnlyList<string> OpenSurveyIds { get; } = Find();

    public static TheoryData<string> Ids() => new(OpenSurveyIds);

    private static List<string> Find() =>
        [.. Directory.EnumerateFiles(RepoPaths.Surveys, "*.yaml")
            .Where(path => !path.EndsWith(".targets.yaml", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .Where(yaml => StatusLine().Match(yaml) is not { Success: true } status || status.Groups[1].Value == "open")
            .Select(yaml => IdLine().Match(yaml))
            .Where(id => id.Success)
            .Select(id => id.Groups[1].Value)
            .Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^id:\s*""?([\w-]+)""?\s*$", RegexOptions.Multiline)]
    private static partial Regex IdLine();

    [GeneratedRegex(@"^status:\s*""?(\w+)""?\s*$", RegexOptions.Multiline)]
    private static partial Regex StatusLine();
}
