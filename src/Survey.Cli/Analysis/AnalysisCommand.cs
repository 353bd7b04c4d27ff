using Survey.Statistics;

namespace Survey.Cli.Analysis;

/// <summary>What <c>weight</c> and <c>crosstab</c> share: --help, and exit codes 2 (usage) and 1 (bad input) with a message.</summary>
internal static class AnalysisCommand
{
    public static int Run(string name, string help, string[] args, TextWriter stdout, TextWriter stderr, Func<int> body)
    {
        if (args is ["--help"] or ["-h"])
        {
            stdout.WriteLine(help);
            return 0;
        }
        try
        {
            return body();
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"survey {name}: {ex.Message}");
            stderr.WriteLine(help);
            return 2;
        }
        catch (Exception ex) when (ex is InputException or IOException or UnauthorizedAccessException or UnknownMarginCategoryException)
        {
            stderr.WriteLine($"survey {name}: {ex.Message}");
            return 1;
        }
    }
}
