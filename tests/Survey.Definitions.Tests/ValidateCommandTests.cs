using Survey.Cli.Commands;
using Survey.Testing;

namespace Survey.Definitions.Tests;

public sealed class ValidateCommandTests
{
    private static readonly string ValidSurvey = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "minimal-valid.yaml"));

    private static (int Exit, string Out, string Err) Run(string? root, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = ValidateCommand.Run(args, stdout, stderr, root);
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }

    private static TempDirectory Project(string? survey = null, string english = "a: A\n")
    {
        var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("surveys"));
        Directory.CreateDirectory(temp.File("locales"));
        File.WriteAllText(Path.Combine(temp.Path, "surveys", "spec.yaml"), survey ?? ValidSurvey);
        File.WriteAllText(Path.Combine(temp.Path, "locales", "nl.yaml"), "a: A\n");
        File.WriteAllText(Path.Combine(temp.Path, "locales", "en.yaml"), english);
        return temp;
    }

    [Fact]
    public void Run_NoPathsCleanProject_ExitsZeroWithSummary()
    {
        using var temp = Project();

        var (exit, stdout, stderr) = Run(temp.Path);

        Assert.Equal((0, "validated 1 survey file and 2 locale files: no errors\n", ""), (exit, stdout, stderr));
    }

    [Fact]
    public void Run_ErrorsInSurveyAndLocale_PrintsEachOnStderrAndExitsOne()
    {
        using var temp = Project(ValidSurvey.Replace("        type: single\n", "        type: single\n        requried: true\n", StringComparison.Ordinal), english: "b: B\n");
        var surveys = Path.Combine(temp.Path, "surveys");
        var locales = Path.Combine(temp.Path, "locales");

        var (exit, stdout, stderr) = Run(null, surveys, locales);

        Assert.Equal(1, exit);
        Assert.Equal("validated 1 survey file and 2 locale files: 3 errors\n", stdout);
        Assert.Equal(
            $"""
            {Path.Combine(surveys, "spec.yaml")}:12:9: error: unknown key 'requried' in question 'q1' (did you mean 'required'?)
            {Path.Combine(locales, "nl.yaml")}:1:1: error: key 'b' is missing (it is in en.yaml)
            {Path.Combine(locales, "en.yaml")}:1:1: error: key 'a' is missing (it is in nl.yaml)

            """,
            stderr);
    }

    [Fact]
    public void Run_SingleSurveyFile_ValidatesOnlyIt()
    {
        using var temp = Project();

        var (exit, stdout, _) = Run(null, Path.Combine(temp.Path, "surveys", "spec.yaml"));

        Assert.Equal((0, "validated 1 survey file and 0 locale files: no errors\n"), (exit, stdout));
    }

    [Fact]
    public void Run_SingleSurveyFileWithTargetsNextToIt_ValidatesTheTargetsToo()
    {
        using var temp = Project();
        var targets = Path.Combine(temp.Path, "surveys", "spec.targets.yaml");
        File.WriteAllText(targets, "total: 100\nmargins:\n  q1: { a: 0.5, b: 0.5 }\n");

        var (exit, stdout, stderr) = Run(null, Path.Combine(temp.Path, "surveys", "spec.yaml"));

        Assert.Equal(1, exit);
        Assert.Equal("validated 1 survey file, 1 targets file and 0 locale files: 1 error\n", stdout);
        Assert.Equal($"{targets}:3:3: error: margin 'q1': 'q1' is not a background variable of survey 'spec' (it has none)\n", stderr);
    }

    [Fact]
    public void Run_TargetsFile_IsValidatedAgainstItsSurvey()
    {
        using var temp = Project();
        var targets = Path.Combine(temp.Path, "surveys", "spec.targets.yaml");
        File.WriteAllText(targets, "total: 100\nmargins:\n  q1: { a: 0.5, b: 0.5 }\n");

        var (exit, stdout, stderr) = Run(null, targets);

        Assert.Equal(1, exit);
        Assert.Equal("validated 0 survey files, 1 targets file and 0 locale files: 1 error\n", stdout);
        Assert.Equal($"{targets}:3:3: error: margin 'q1': 'q1' is not a background variable of survey 'spec' (it has none)\n", stderr);
    }

    [Fact]
    public void Run_TargetsWithoutSurvey_ReportsMissingSurvey()
    {
        using var temp = Project();
        var targets = Path.Combine(temp.Path, "surveys", "gone.targets.yaml");
        File.WriteAllText(targets, "total: 100\nmargins:\n  q1: { a: 0.5, b: 0.5 }\n");

        var (exit, _, stderr) = Run(temp.Path);

        Assert.Equal(1, exit);
        Assert.Equal($"{targets}:1:1: error: there is no survey 'gone' for these targets (expected gone.yaml next to this file)\n", stderr);
    }

    [Fact]
    public void Run_SurveysFolderWithTargetsAndMapping_ValidatesAllOfThem()
    {
        using var temp = Project(ValidSurvey.Replace("        type: single\n", "        type: single\n        background: q1\n", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(temp.Path, "surveys", "spec.targets.yaml"), "total: 100\nmargins:\n  q1: { a: 40, b: 60 }\n");
        Directory.CreateDirectory(Path.Combine(temp.Path, "surveys", "shared"));
        var mapping = Path.Combine(temp.Path, "surveys", "shared", "nationality-groups.yaml");
        File.WriteAllText(mapping, "groupings: {}\n");

        var (exit, stdout, stderr) = Run(temp.Path);

        Assert.Equal(1, exit);
        Assert.Equal("validated 1 survey file, 1 targets file, 1 nationality mapping and 2 locale files: 1 error\n", stdout);
        Assert.Equal($"{mapping}:1:12: error: 'groupings' is empty; define at least one grouping such as 'coarse'\n", stderr);
    }

    [Fact]
    public void Run_FileInLocalesFolder_IsValidatedAsLocaleFile()
    {
        using var temp = Project();

        var (exit, stdout, _) = Run(null, Path.Combine(temp.Path, "locales", "en.yaml"), Path.Combine(temp.Path, "locales", "nl.yaml"));

        Assert.Equal((0, "validated 0 survey files and 2 locale files: no errors\n"), (exit, stdout));
    }

    [Fact]
    public void Run_PathDoesNotExist_ExitsTwoWithMessage()
    {
        var (exit, stdout, stderr) = Run(null, "no/such/place.yaml");

        Assert.Equal((2, "", "survey validate: 'no/such/place.yaml' does not exist\n"), (exit, stdout, stderr));
    }

    [Fact]
    public void Run_UnknownOption_ExitsTwo()
    {
        Assert.Equal(2, Run(null, "--strict").Exit);
    }
}
