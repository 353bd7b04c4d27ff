using Survey.Cli.Analysis;
using Survey.Cli.Commands;

namespace Survey.Cli;

/// <summary>
/// <c>survey validate | weight | crosstab | export | add-researcher | researcher-role</c>: the researcher's and CI's command line.
/// Exit codes: 0 success, 1 invalid input (messages on stderr), 2 usage error.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine($"""
                usage: survey <command> [options]

                  validate [paths...]   check survey files, targets files and locale files
                                        (default: surveys/ and locales/ of the current folder)
                  weight   --data responses.csv --targets targets.yaml --out weights.csv
                  crosstab --data responses.csv --targets targets.yaml --by VAR
                           [--questions a,b] [--min-cell N] --out crosstab.csv
                  export   --format sav|dta --data microdata.csv --survey surveys/x.yaml
                           --lang nl|en --out FILE
                  add-researcher [--database PATH [--create]] --user NAME [--admin]
                                        (password on stdin, at least {Survey.Data.ResearcherAccounts.MinPasswordLength} characters; without
                                        --database: the platform's database, from any folder)
                  researcher-role [--database PATH] --user NAME --grant-admin | --revoke-admin
                  panel import FILE [--skip-invalid] [--database PATH] [--profile PATH]
                                        add panel members from CSV (email,language,nationality,district,age_band)
                  wave create|status|remind   invitation waves of the panel (survey wave --help)
                  sample import FILE [--skip-invalid]   a sample frame (address,postcode,town,district,age_band)
                  sample draw --survey ID --n N [--stratify district] [--seed S] [--closes DATE]
                  letters --sample ID --out letters.html [--reminder]   print-ready letters with codes
                """);
            return args.Length == 0 ? 2 : 0;
        }
        var rest = args[1..];
        return args[0] switch
        {
            "validate" => ValidateCommand.Run(rest, Console.Out, Console.Error),
            "weight" => WeightCommand.Run(rest, Console.Out, Console.Error),
            "crosstab" => CrosstabCommand.Run(rest, Console.Out, Console.Error),
            "export" => ExportCommand.Run(rest, Console.Out, Console.Error),
            "add-researcher" => AddResearcherCommand.RunAsync(rest, Console.In, Console.Out, Console.Error, TimeProvider.System).GetAwaiter().GetResult(),
            "researcher-role" => ResearcherRoleCommand.RunAsync(rest, Console.Out, Console.Error, TimeProvider.System).GetAwaiter().GetResult(),
            "panel" => PanelCommand.RunAsync(rest, Console.Out, Console.Error, TimeProvider.System).GetAwaiter().GetResult(),
            "wave" => WaveCommand.RunAsync(rest, Console.Out, Console.Error, TimeProvider.System).GetAwaiter().GetResult(),
            "sample" => Commands.Paper.SampleCommand.RunAsync(rest, Console.Out, Console.Error, TimeProvider.System).GetAwaiter().GetResult(),
            "letters" => Commands.Paper.SampleCommand.LettersAsync(rest, Console.Out, Console.Error, TimeProvider.System).GetAwaiter().GetResult(),
            _ => Unknown(args[0]),
        };
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"survey: unknown command '{command}' (try 'survey --help')");
        return 2;
    }
}
