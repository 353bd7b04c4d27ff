using Survey.Testing;

namespace Survey.Definitions.Tests;

public sealed class LocaleCatalogTests
{
    private static (TempDirectory Temp, LocaleCatalogResult Result) Load(params (string Name, string Text)[] files)
    {
        var temp = new TempDirectory();
        foreach (var (name, text) in files)
        {
            File.WriteAllText(temp.File(name), text);
        }
        return (temp, LocaleCatalog.LoadDirectory(temp.Path));
    }

    private static string[] Lines(TempDirectory temp, LocaleCatalogResult result) =>
        [.. result.Diagnostics.Select(d => d.ToString().Replace(temp.Path + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal))];

    [Fact]
    public void LoadDirectory_MatchingFiles_GivesTextsByCulture()
    {
        var (temp, result) = Load(("nl.yaml", "nav.next: Volgende\nvalidation.range: \"Tussen {0} en {1}.\"\n"), ("en.yaml", "nav.next: Next\nvalidation.range: \"Between {0} and {1}.\"\n"));
        using var _ = temp;

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Equal("Volgende", result.Texts["nl"]["nav.next"]);
        Assert.Equal("Between {0} and {1}.", result.Texts["en"]["validation.range"]);
    }

    [Fact]
    public void LoadDirectory_KeyMissingInOneFile_ReportedAtThatFileNamingTheOther()
    {
        var (temp, result) = Load(("nl.yaml", "a: A\nb: B\n"), ("en.yaml", "a: A\n"));
        using var _ = temp;

        Assert.Equal(["en.yaml:1:1: error: key 'b' is missing (it is in nl.yaml)"], Lines(temp, result));
    }

    [Fact]
    public void LoadDirectory_PlaceholdersDiffer_ReportedAtTheText()
    {
        var (temp, result) = Load(("nl.yaml", "a: \"Maximaal {0} tekens\"\n"), ("en.yaml", "# comment\na: At most 5 characters\n"));
        using var _ = temp;

        Assert.Equal(["en.yaml:2:4: error: the text of 'a' has placeholders none but nl.yaml has {0}"], Lines(temp, result));
    }

    [Fact]
    public void LoadDirectory_FileProblems_EachWithLineAndColumn()
    {
        var (temp, result) = Load(
            ("nl.yaml", "a: A\nb:\n  nested: x\nc: \"\"\na: again\nd: true\n"),
            ("en.yaml", "a: A\nb: B\nc: C\nd: D\n"));
        using var _ = temp;

        Assert.Equal(
            [
                "nl.yaml:3:3: error: the text of 'b' must be a text, not a mapping; locale files are flat ('nav.next: Next')",
                "nl.yaml:4:4: error: the text of 'c' is empty",
                "nl.yaml:5:1: error: duplicate key 'a' (first at line 1)",
                "nl.yaml:6:4: error: the text of 'd' must be a text, not the value true; put it in quotes",
            ],
            Lines(temp, result));
    }

    [Fact]
    public void LoadDirectory_SyntaxError_ReportedAtPosition()
    {
        var (temp, result) = Load(("nl.yaml", "a: A\nb: 'open\n"), ("en.yaml", "a: A\n"));
        using var _ = temp;

        Assert.StartsWith("nl.yaml:2:4: error: YAML syntax error", Lines(temp, result)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_BadFileNameAndMissingEnglish_AreReported()
    {
        var (temp, result) = Load(("nl.yaml", "a: A\n"), ("Dutch.yaml", "a: A\n"));
        using var _ = temp;

        Assert.Equal(
            [
                "en.yaml:1:1: error: the locale file en.yaml is missing (nl and en are required)",
                "Dutch.yaml:1:1: error: a locale file must be named after its language, such as nl.yaml or pt-BR.yaml, not 'Dutch.yaml'",
            ],
            Lines(temp, result));
    }

    [Fact]
    public void LoadDirectory_NotAFlatMap_IsReported()
    {
        var (temp, result) = Load(("nl.yaml", "- a\n- b\n"), ("en.yaml", ""));
        using var _ = temp;

        Assert.Equal(
            [
                "nl.yaml:1:1: error: a locale file must be a flat list of 'key: text' lines",
                "en.yaml:1:1: error: the locale file is empty; write one 'key: text' line per text",
            ],
            Lines(temp, result));
    }
}
