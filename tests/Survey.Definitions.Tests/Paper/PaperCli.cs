using System.Text;
using Microsoft.EntityFrameworkCore;
using Survey.Cli.Commands.Paper;
using Survey.Data;
using Survey.Testing;

namespace Survey.Definitions.Tests.Paper;

/// <summary>A real database file in a temp folder and the paper commands run against it, with the shipped surveys and locales.</summary>
public sealed class PaperCli : IDisposable
{
    public const string PublicUrl = "https://enquete.leiden.nl";

    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    private readonly TempDirectory _temp = new();

    public PaperCli()
    {
        Database = _temp.File("data/survey.db");
        Directory.CreateDirectory(Path.GetDirectoryName(Database)!);
        using var db = Context();
        DatabaseInitializer.MigrateAsync(db, CancellationToken.None).GetAwaiter().GetResult();
    }

    public string Database { get; }

    public string Folder => _temp.Path;

    public string File(string name) => _temp.File(name);

    public string WriteFile(string name, string text)
    {
        var path = _temp.File(name);
        System.IO.File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public SurveyDbContext Context()
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={Database};Pooling=False");
        return new SurveyDbContext(options.Options);
    }

    public PersonalTokens Tokens => PersonalTokens.LoadOrCreate(PersonalTokens.KeyPathFor(Database));

    public Task<(int Exit, string Out, string Error)> SampleAsync(params string[] args) =>
        RunAsync((o, e) => SampleCommand.RunAsync([.. args, "--database", Database, "--surveys", RepoPaths.Surveys], o, e, Clock, _temp.Path));

    public Task<(int Exit, string Out, string Error)> LettersAsync(params string[] args) =>
        RunAsync((o, e) => SampleCommand.LettersAsync(
            [.. args, "--database", Database, "--surveys", RepoPaths.Surveys, "--public-url", PublicUrl, .. args.Contains("--locales") ? Array.Empty<string>() : ["--locales", RepoPaths.Locales]],
            o, e, Clock, _temp.Path));

    /// <summary>Imports <paramref name="rows"/> (district, age band) as a frame and returns its id.</summary>
    public async Task<int> ImportAsync(IEnumerable<(string District, string AgeBand)> rows)
    {
        var csv = new StringBuilder("address,postcode,town,district,age_band\n");
        var n = 0;
        foreach (var (district, ageBand) in rows)
        {
            n++;
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Teststraat {n},2300 AA,Leiden,{district},{ageBand}\n");
        }
        var (exit, output, error) = await SampleAsync("import", WriteFile($"frame{Guid.NewGuid():N}.csv", csv.ToString()));
        Assert.True(exit == 0, error);
        return int.Parse(LastLine(output), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();

    public void Dispose() => _temp.Dispose();

    private static async Task<(int, string, string)> RunAsync(Func<TextWriter, TextWriter, Task<int>> run)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await run(stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
