using System.Text.RegularExpressions;
using Survey.Definitions.Model;
using Survey.Testing;

namespace Survey.Definitions.Tests;

/// <summary>What the shipped survey files say about their sources and about dual nationals holds for a reader of the repository.</summary>
public sealed partial class ShippedSourcesTests
{
    public static TheoryData<string> SurveyFolderFiles() =>
        [.. Directory.EnumerateFiles(RepoPaths.Surveys, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(RepoPaths.Root, f))];

    [Theory]
    [MemberData(nameof(SurveyFolderFiles))]
    public void ShippedFile_Sources_AreUrlsOrRepositoryFilesNotPathsOutsideIt(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, file));

        var outside = OutsidePath().Matches(text).Select(m => m.Value.Trim()).ToList();

        Assert.True(outside.Count == 0, $"{file} cites {string.Join(", ", outside)}, which a reader of the repository cannot open");
        if (file.EndsWith(".targets.yaml", StringComparison.Ordinal))
        {
            Assert.Matches(@"(?m)^#.*https://", text);
        }
    }

    [Fact]
    public void Docs_DualNationals_AgreeWithTheStadsenquetesNationalityQuestions()
    {
        var survey = SurveyLoader.LoadFile(Path.Combine(RepoPaths.Surveys, "stadsenquete.yaml")).Survey!;
        var nationality = survey.FindQuestion("nationality")!;
        Assert.Contains("Kies dan *Nederlands*", nationality.Help![LanguageTag.Dutch], StringComparison.Ordinal);
        Assert.Contains(nationality.Settings.Options, o => o.Code == "nl");
        Assert.Contains("also if you have another nationality", survey.FindQuestion("nationality_group")!.Settings.Options.Single(o => o.Code == "nl").Text[LanguageTag.English], StringComparison.Ordinal);

        foreach (var doc in new[] { "surveys/README.md", "surveys/stadsenquete.targets.yaml", "surveys/shared/nationality-groups.yaml", "README.md" })
        {
            var text = Regex.Replace(File.ReadAllText(Path.Combine(RepoPaths.Root, doc)), @"\s*\n\s*#?\s*", " ");
            Assert.DoesNotMatch(@"(?i)asks? (them|dual nationals) to choose their other nationality", text);
        }
    }

    /// <summary>An absolute path on a machine (/work/…, /home/…, C:\…) or the brief files kept outside the repository.</summary>
    [GeneratedRegex(@"(?<![\w.:/])(/(?:work|home|Users|tmp|mnt|srv)/[^\s)]*|[A-Za-z]:\\[^\s)]*|\bDOMAIN\.md\b)")]
    private static partial Regex OutsidePath();
}
