using Survey.Definitions;

namespace Survey.Definitions.Tests;

/// <summary>
/// The survey format by example (Markdig's Specs idea): every <c>Specs/&lt;name&gt;.yaml</c> is loaded and its diagnostics
/// compared with <c>&lt;name&gt;.expected</c>, which holds <c>valid</c> or the exact lines, <c>&lt;name&gt;.yaml:line:col: error: …</c>.
/// </summary>
public sealed class SpecTests
{
    private static string SpecFolder => Path.Combine(AppContext.BaseDirectory, "Specs");

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SpecFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

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

    [Fact]
    public void Specs_EveryYamlFile_HasAnExpectedFile()
    {
        var yaml = Directory.EnumerateFiles(SpecFolder, "*.yaml").Select(Path.GetFileNameWithoutExtension);
        var expected = Directory.EnumerateFiles(SpecFolder, "*.expected").Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(yaml.Order(StringComparer.Ordinal), expected.Order(StringComparer.Ordinal));
    }
}
