using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Survey.Testing;
using Survey.Web.Infrastructure;

namespace Survey.Web.Tests.Infrastructure;

public sealed class StartupTests
{
    private const string BrokenSurvey = """
        id: broken
        version: 1
        languages: [nl, en]
        title: { nl: Kapot }
        introduction: { nl: x, en: x }
        closing: { nl: x, en: x }
        pages: []
        """;

    [Fact]
    public void AddSurveyDefinitions_SurveyMissingTranslation_ThrowsWithFileLineColumn()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("broken.yaml"), BrokenSurvey);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = temp.Path, Args = [] });
        builder.Configuration["Survey:SurveysPath"] = temp.Path;
        builder.Configuration["Survey:LocalesPath"] = RepoPaths.Locales;

        var error = Assert.Throws<SurveyDefinitionException>(() => builder.AddSurveyDefinitions());

        Assert.Contains(error.Errors, e => e.StartsWith(temp.File("broken.yaml") + ":4:", StringComparison.Ordinal) && e.Contains("en", StringComparison.Ordinal));
    }

    [Fact]
    public void AddSurveyDefinitions_TargetsNotSummingToOne_ThrowsWithFileLineColumn()
    {
        using var temp = new TempDirectory();
        File.Copy(Path.Combine(RepoPaths.Root, "tests", "Survey.Web.Tests", "Surveys", "weighttest.yaml"), temp.File("weighttest.yaml"));
        File.WriteAllText(temp.File("weighttest.targets.yaml"), "total: 1000\nmargins:\n  gender: { man: 0.49, woman: 0.41 }\n");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = temp.Path, Args = [] });
        builder.Configuration["Survey:SurveysPath"] = temp.Path;
        builder.Configuration["Survey:LocalesPath"] = RepoPaths.Locales;

        var error = Assert.Throws<SurveyDefinitionException>(() => builder.AddSurveyDefinitions());

        Assert.Contains(error.Errors, e => e.StartsWith(temp.File("weighttest.targets.yaml") + ":3:", StringComparison.Ordinal) && e.Contains("gender", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Process_InvalidSurvey_PrintsErrorsAndExitsWithoutServing()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("broken.yaml"), BrokenSurvey);
        var dll = Path.Combine(AppContext.BaseDirectory, "Survey.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--Survey:SurveysPath=" + temp.Path, "--Survey:LocalesPath=" + RepoPaths.Locales, "--Survey:DatabasePath=" + temp.File("x.db"), "--urls=http://127.0.0.1:0" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = temp.Path,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The platform started despite an invalid survey file.");
        }

        Assert.Equal(1, process.ExitCode);
        Assert.Contains(temp.File("broken.yaml") + ":4:", await stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("x.db")));
    }
}
