using System.Globalization;
using System.Text;
using CsvHelper;
using Survey.Statistics;

namespace Survey.Cli.Analysis;

/// <summary><c>survey weight</c>: rakes the respondents of a CSV export to the targets and writes their weights.</summary>
internal static class WeightCommand
{
    public const string Help = """
        usage: survey weight --data responses.csv --targets targets.yaml --out weights.csv [--base-weight COLUMN]

        Rakes (iterative proportional fitting) the respondents to every margin in the targets file and writes the
        input rows with a 'weight' column (replaced if present). A respondent missing any margin variable is not
        weighted: its weight is left empty. Weights sum to the targets' total. A 'weighting:' section in the targets
        file sets the tolerance, the iteration cap and trimming (bounds relative to the mean weight, raked again after).
        targets.yaml:  total: 110600
                       margins:
                         gender: { man: 0.48, woman: 0.51, other: 0.01 }   # shares summing to 1, or counts summing to total
        Exit codes: 0 done, 1 invalid input, 2 usage error.
        """;

    private static readonly HashSet<string> Allowed = ["data", "targets", "out", "base-weight"];
    private static readonly HashSet<string> Required = ["data", "targets", "out"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        AnalysisCommand.Run("weight", Help, args, stdout, stderr, () =>
        {
            var options = AnalysisArguments.Parse(args, Allowed, Required);
            var input = AnalysisInput.Load(options);
            Write(options["out"], input);
            WriteReport(stdout, input.Weighted.Report);
            return 0;
        });

    internal static void WriteReport(TextWriter stdout, WeightingReport r)
    {
        var trimming = r.TrimmingConverged switch
        {
            null => string.Empty,
            true => string.Create(CultureInfo.InvariantCulture, $"; trimmed {r.Trimmed} weights in {r.TrimRounds} rounds"),
            false => string.Create(CultureInfo.InvariantCulture, $"; trimming did NOT meet its bounds together with the margins after {r.TrimRounds} rounds (weights outside them remain): widen the bounds or merge thin categories"),
        };
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"weighted {r.Included} respondents ({r.Excluded} excluded: missing background), {r.Iterations} iterations, misfit {r.MaxMisfit:G3}; weights min {r.Min:G6} max {r.Max:G6} mean {r.Mean:G6}; design effect {r.DesignEffect:F3}, effective n {r.EffectiveSampleSize:F1}{trimming}"));
    }

    private static void Write(string path, AnalysisInput input)
    {
        var data = input.Data;
        var existing = Array.IndexOf(data.Header, "weight");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions());
        foreach (var h in data.Header)
        {
            csv.WriteField(h);
        }
        if (existing < 0)
        {
            csv.WriteField("weight");
        }
        csv.EndRecord();
        for (var i = 0; i < data.Rows.Count; i++)
        {
            var weight = AnalysisInput.Format(input.Weighted.Weights[i]);
            for (var c = 0; c < data.Header.Length; c++)
            {
                csv.WriteField(c == existing ? weight : data.Rows[i][c]);
            }
            if (existing < 0)
            {
                csv.WriteField(weight);
            }
            csv.EndRecord();
        }
    }
}
