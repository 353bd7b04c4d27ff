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
        File.WriteAllText(Path.Combine(temp.Path, "surveys", "spec.targets.yaml"), "anything: [");
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
    public void Run_TargetsFile_IsSkippedSilently()
    {
        using var temp = Project();

        var (exit, stdout, stderr) = Run(null, Path.Combine(temp.Path, "surveys", "spec.targets.yaml"));

        Assert.Equal((0, "validated 0 survey files and 0 locale files: no errors\n", ""), (exit, stdout, stderr));
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
