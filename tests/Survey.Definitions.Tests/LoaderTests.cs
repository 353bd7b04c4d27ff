using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes;
using Survey.Definitions.QuestionTypes.Choice;
using Survey.Testing;

namespace Survey.Definitions.Tests;

public sealed class LoaderTests
{
    private static string ValidSpec => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "all-types-valid.yaml"));

    [Fact]
    public void Load_ValidFile_BuildsModel()
    {
        var result = SurveyLoader.Load(ValidSpec, "surveys/spec.yaml");

        var survey = Assert.IsType<SurveyDefinition>(result.Survey);
        Assert.Equal(("spec", 1, "surveys/spec.yaml", SurveyStatus.Open, 10), (survey.Id, survey.Version, survey.SourceFile, survey.Status, survey.MinCell));
        Assert.Equal([LanguageTag.Dutch, LanguageTag.English], survey.Languages);
        Assert.Equal(10, survey.Questions.Count());
        var single = survey.FindQuestion("single_q")!;
        Assert.True(single.Required);
        Assert.Equal(new ChoiceSettings(single.Settings.Options, null, true), single.Settings);
        Assert.Equal("Anders", single.Settings.Options[1].Text[LanguageTag.Dutch]);
        Assert.True(single.Settings.Options[1].Other);
        Assert.Equal("Please fill this in.", survey.FindQuestion("textarea_q")!.Messages["required"][LanguageTag.English]);
    }

    [Fact]
    public void Load_EveryTruncationOfValidFile_GivesDiagnosticsNeverExceptions()
    {
        var text = ValidSpec;
        for (var length = 0; length < text.Length; length++)
        {
            var result = SurveyLoader.Load(text[..length], "cut.yaml");

            Assert.DoesNotContain(result.Diagnostics, d => d.Message.StartsWith("internal error", StringComparison.Ordinal));
            Assert.All(result.Diagnostics, d => Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1));
        }
    }

    [Fact]
    public void Load_EveryLineRemovedFromValidFile_GivesDiagnosticsNeverExceptions()
    {
        var lines = ValidSpec.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = string.Join('\n', lines.Where((_, j) => j != i));

            var result = SurveyLoader.Load(text, "cut.yaml");

            Assert.DoesNotContain(result.Diagnostics, d => d.Message.StartsWith("internal error", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("[1, 2, 3]")]
    [InlineData("just text")]
    [InlineData("id: &a [*a]")]
    [InlineData("pages: { a: 1 }")]
    [InlineData("? [complex, key]\n: value")]
    [InlineData("--- \nid: a\n---\nid: b")]
    public void Load_OddDocuments_GivesDiagnosticsNeverExceptions(string yaml)
    {
        var result = SurveyLoader.Load(yaml, "odd.yaml");

        Assert.False(result.IsValid);
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.StartsWith("internal error", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadFile_MissingFile_GivesDiagnostic()
    {
        var result = SurveyLoader.LoadFile("/nonexistent/x.yaml");

        Assert.StartsWith("/nonexistent/x.yaml:1:1: error: cannot read the file", Assert.Single(result.Diagnostics).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnostic_ToString_IsFileLineColumnErrorMessage()
    {
        Assert.Equal("a.yaml:3:7: error: oops", new Diagnostic(new SourceLocation("a.yaml", 3, 7), "oops").ToString());
    }

    [Fact]
    public void LoadDirectory_FileNameNotId_IsReported()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("wrong-name.yaml"), ValidSpec);

        var result = SurveyCatalog.LoadDirectory(temp.Path);

        Assert.Empty(result.Surveys);
        Assert.Equal($"{temp.File("wrong-name.yaml")}:1:1: error: the file of survey 'spec' must be named 'spec.yaml'", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void LoadDirectory_DuplicateIdsAcrossFiles_AreReported()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "old"));
        File.WriteAllText(temp.File("spec.yaml"), ValidSpec);
        File.WriteAllText(Path.Combine(temp.Path, "old", "spec.yaml"), ValidSpec);

        var result = SurveyCatalog.LoadFiles([temp.File("spec.yaml"), Path.Combine(temp.Path, "old", "spec.yaml")]);

        Assert.Single(result.Surveys);
        Assert.Equal($"{Path.Combine(temp.Path, "old", "spec.yaml")}:1:1: error: survey id 'spec' is also used by {temp.File("spec.yaml")}", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void LoadDirectory_TargetsFiles_AreSkipped()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("spec.yaml"), ValidSpec);
        File.WriteAllText(temp.File("spec.targets.yaml"), "not: [a survey");

        var result = SurveyCatalog.LoadDirectory(temp.Path);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Equal("spec", Assert.Single(result.Surveys).Id);
    }

    [Fact]
    public void LoadDirectory_RelativePath_KeepsPathAsGiven()
    {
        var result = SurveyCatalog.LoadDirectory("no-such-folder");

        Assert.Equal("no-such-folder:1:1: error: the survey folder does not exist", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Registry_Default_KnowsAllTypes()
    {
        Assert.Equal(["date", "dropdown", "matrix", "multiple", "number", "rating", "single", "text", "textarea", "year"], QuestionTypeRegistry.Default.Names);
        Assert.Throws<KeyNotFoundException>(() => QuestionTypeRegistry.Default.Get("slider"));
    }

    [Fact]
    public void Registry_WithoutAType_RejectsSurveysUsingIt()
    {
        var registry = new QuestionTypeRegistryBuilder().UseSingle().Build();

        var result = SurveyLoader.Load(ValidSpec, "spec.yaml", registry);

        Assert.Contains(result.Diagnostics, d => d.Message.StartsWith("unknown question type 'multiple' (known types: single)", StringComparison.Ordinal));
    }
}
