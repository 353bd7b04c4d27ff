using System.Globalization;
using System.Text;
using CsvHelper;
using Survey.Statistics;

namespace Survey.Cli.Analysis;

/// <summary><c>survey crosstab</c>: weighted estimates per question, option and group, in long format.</summary>
internal static class CrosstabCommand
{
    public const string Help = """
        usage: survey crosstab --data responses.csv --targets targets.yaml --by VAR --out crosstab.csv
                               [--questions a,b] [--min-cell N] [--min-base N] [--base-weight COLUMN]
                               [--interval logit|korn-graubard]

        Rakes the respondents to the targets (see 'survey weight --help'), then writes one row per question, option
        and group (every value of --by, plus 'all'):
          question,option,group,base,count,weighted_count,estimate,se,ci_low,ci_high,suppressed,indicative
        base = respondents in the group with an answer (an empty cell is missing; a "don't know" code is an answer),
        count = those choosing the option, estimate = weighted proportion among them, se = linearised standard error
        accounting for the raking (as R's survey package), ci = 95% logit interval (svyciprop method "logit"), or
        with --interval korn-graubard the Korn-Graubard interval (method "beta"). Numeric questions get one row per
        group with an empty option, the weighted mean and estimate +- 1.96 se.
        Questions: every column except the margin variables, id, response_id, weight, the base-weight column and open
        answers ("other, namely" texts q_other and the survey's text questions, which can identify a person), unless
        --questions names them. A column is numeric when every non-empty value is a number AND it has more than 12
        distinct values; otherwise it is categorical, its options in the order of the survey next to the targets file
        (<id>.yaml), else numbers in numeric order before other codes. A question nobody answered is reported as
        empty on standard output and has no rows.
        Disclosure: a cell with count below --min-cell (default 10) is suppressed (numbers left empty), and so is a base
        below it. More cells and bases are suppressed where a hidden figure could otherwise be worked out from the shown
        ones (options add up to the base, groups to 'all'; with the margins' targets known, weighted counts,
        proportions and means likewise). A group with base below --min-base (default 30) is flagged indicative. The
        Rao-Scott test per categorical question is printed on standard output ("cannot be computed" when there are too
        few answers or groups).
        Exit codes: 0 done, 1 invalid input, 2 usage error.
        """;

    private static readonly HashSet<string> Allowed = ["data", "targets", "out", "by", "questions", "min-cell", "min-base", "base-weight", "interval"];
    private static readonly HashSet<string> Required = ["data", "targets", "out", "by"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        AnalysisCommand.Run("crosstab", Help, args, stdout, stderr, () =>
        {
            var options = AnalysisArguments.Parse(args, Allowed, Required);
            var rule = new DisclosureRule { MinCellCount = options.Integer("min-cell", 10), MinGroupBase = options.Integer("min-base", 30) };
            var interval = options.Optional("interval") switch
            {
                null or "logit" => ProportionInterval.Logit,
                "korn-graubard" => ProportionInterval.KornGraubard,
                var other => throw new UsageException($"--interval must be logit or korn-graubard, not '{other}'"),
            };
            var input = AnalysisInput.Load(options);
            var byName = options["by"];
            var by = input.Design.Variables.TryGetValue(byName, out var margin)
                ? margin
                : CategoricalVariable.FromValues(byName, input.Data.Values(byName));
            var questions = input.Questions(options.Optional("questions"), options.Optional("base-weight"), options["targets"]);
            questions.RemoveAll(q => q.Name == byName);
            var empty = questions.Where(IsEmpty).ToList();
            questions.RemoveAll(IsEmpty);
            var result = Crosstab.Run(input.Weighted, questions, by, new CrosstabOptions { Disclosure = rule, Estimation = new EstimationOptions { ProportionInterval = interval } });
            Write(options["out"], result);
            WeightCommand.WriteReport(stdout, input.Weighted.Report);
            foreach (var q in empty)
            {
                stdout.WriteLine($"{q.Name}: empty, nobody answered it; no rows written");
            }
            foreach (var t in result.Tests)
            {
                stdout.WriteLine(double.IsFinite(t.Statistic) && double.IsFinite(t.PValue)
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"{t.Question} by {t.By}: Rao-Scott F = {t.Statistic:G6}, df = {t.NumeratorDf:G4}, {t.DenominatorDf:G6}, p = {t.PValue:G4}")
                    : $"{t.Question} by {t.By}: Rao-Scott test cannot be computed (too few answers or groups)");
            }
            return 0;
        });

    /// <summary>No respondent (weighted or not) has a value: such a question has no options to estimate.</summary>
    private static bool IsEmpty(SurveyVariable question) => question switch
    {
        CategoricalVariable c => c.Categories.Count == 0 || c.Codes.All(code => code < 0),
        NumericVariable n => n.Values.All(double.IsNaN),
        _ => false,
    };

    private static void Write(string path, CrosstabResult result)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions());
        foreach (var h in new[] { "question", "option", "group", "base", "count", "weighted_count", "estimate", "se", "ci_low", "ci_high", "suppressed", "indicative" })
        {
            csv.WriteField(h);
        }
        csv.EndRecord();
        foreach (var c in result.Cells)
        {
            csv.WriteField(c.Question);
            csv.WriteField(c.Option ?? "");
            csv.WriteField(c.Group);
            csv.WriteField(c.BaseSuppressed ? "" : c.Base.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(c.Count?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(AnalysisInput.Format(c.WeightedCount));
            csv.WriteField(AnalysisInput.Format(c.Value));
            csv.WriteField(AnalysisInput.Format(c.StandardError));
            csv.WriteField(AnalysisInput.Format(c.Lower));
            csv.WriteField(AnalysisInput.Format(c.Upper));
            csv.WriteField(c.Suppressed ? "true" : "false");
            csv.WriteField(c.Indicative ? "true" : "false");
            csv.EndRecord();
        }
    }
}
