using Survey.Definitions;
using Survey.Definitions.Nationality;
using Survey.Definitions.Targets;

namespace Survey.Definitions.Tests;

/// <summary>
/// The survey format by example (Markdig's Specs idea): every <c>Specs/&lt;name&gt;.yaml</c> is loaded and its diagnostics
/// compared with <c>&lt;name&gt;.expected</c>, which holds <c>valid</c> or the exact lines, <c>&lt;name&gt;.yaml:line:col: error: …</c>.
/// Population targets specs are <c>&lt;name&gt;.targets.yaml</c>, checked against the survey <c>targets-survey.yaml</c> and the
/// mapping <c>groups-valid.groups.yaml</c>; nationality mapping specs are <c>&lt;name&gt;.groups.yaml</c>.
/// </summary>
public sealed class SpecTests
{
    private const string TargetsSuffix = ".targets.yaml";
    private const string GroupsSuffix = ".groups.yaml";

    private static string SpecFolder => Path.Combine(AppContext.BaseDirectory, "Specs");

    public static TheoryData<string> Specs() => SpecNames(f => !f.EndsWith(TargetsSuffix, StringComparison.Ordinal) && !f.EndsWith(GroupsSuffix, StringComparison.Ordinal));

    public static TheoryData<string> TargetsSpecs() => SpecNames(f => f.EndsWith(TargetsSuffix, StringComparison.Ordinal));

    public static TheoryData<string> GroupsSpecs() => SpecNames(f => f.EndsWith(GroupsSuffix, StringComparison.Ordinal));

    /// <summary>Spec names without <c>.yaml</c> (so <c>targets-sums.targets</c>), as the <c>.expected</c> files are named.</summary>
    private static TheoryData<string> SpecNames(Func<string, bool> include)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SpecFolder, "*.yaml").Where(include).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    private static string Expected(string name) => File.ReadAllText(Path.Combine(SpecFolder, name + ".expected")).ReplaceLineEndings("\n").Trim();

    private static string Outcome(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.Count == 0 ? "valid" : string.Join("\n", diagnostics.Select(d => d.ToString()));

    [Theory]
    [MemberData(nameof(Specs))]
    public void Load_SpecFile_GivesExpectedDiagnostics(string name)
    {
        var yaml = File.ReadAllText(Path.Combine(SpecFolder, name + ".yaml"));
        var expected = File.ReadAllText(Path.Combine(SpecFolder, name + ".expected")).ReplaceLineEndings("\n").Trim();

        var result = SurveyLoader.Load(yaml, name + ".yaml");

        var actual = result.Diagnostics.Count == 0 ? "valid" : string.Join("\n", result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(expected, actual);
        Assert.Equal(expected == "valid", result.IsValid);
    }

    [Theory]
    [MemberData(nameof(TargetsSpecs))]
    public void LoadTargets_SpecFile_GivesExpectedDiagnostics(string name)
    {
        var survey = SurveyLoader.LoadFile(Path.Combine(SpecFolder, "targets-survey.yaml")).Survey;
        var groups = NationalityGroups.LoadFile(Path.Combine(SpecFolder, "groups-valid.groups.yaml")).Groups;
        Assert.NotNull(survey);
        Assert.NotNull(groups);
        var expected = Expected(name);

        var result = TargetsLoader.Load(File.ReadAllText(Path.Combine(SpecFolder, name + ".yaml")), name + ".yaml", survey, groups);

        Assert.Equal(expected, Outcome(result.Diagnostics));
        Assert.Equal(expected == "valid", result.IsValid);
    }

    [Theory]
    [MemberData(nameof(GroupsSpecs))]
    public void LoadNationalityGroups_SpecFile_GivesExpectedDiagnostics(string name)
    {
        var expected = Expected(name);

        var result = NationalityGroups.Load(File.ReadAllText(Path.Combine(SpecFolder, name + ".yaml")), name + ".yaml");

        Assert.Equal(expected, Outcome(result.Diagnostics));
        Assert.Equal(expected == "valid", result.IsValid);
    }

    [Fact]
    public void Specs_EveryYamlFile_HasAnExpectedFile()
    {
        var yaml = Directory.EnumerateFiles(SpecFolder, "*.yaml").Select(Path.GetFileNameWithoutExtension);
        var expected = Directory.EnumerateFiles(SpecFolder, "*.expected").Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(yaml.Order(StringComparer.Ordinal), expected.Order(StringComparer.Ordinal));
    }
}
