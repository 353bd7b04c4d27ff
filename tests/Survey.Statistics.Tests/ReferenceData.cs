using System.Globalization;
using Survey.Statistics;
using Survey.Testing;

namespace Survey.Statistics.Tests;

/// <summary>Loads the R fixtures in Reference/ (written by make-reference.R) from the source tree.</summary>
internal static class ReferenceData
{
    public static readonly string[] Categorical = ["q_website", "q_lang", "q_services"];
    public static readonly string[] Numeric = ["q_hours"];

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Survey.Statistics.Tests", "Reference");

    public static string PathOf(string file) => Path.Combine(Folder, file);

    public static List<Dictionary<string, string>> ReadCsv(string file)
    {
        var lines = File.ReadAllLines(PathOf(file));
        var header = Split(lines[0]);
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = Split(l);
            return header.Select((h, i) => (h, cells[i])).ToDictionary(p => p.h, p => p.Item2);
        })];
    }

    public static double Number(string text) =>
        text.Length == 0 ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static IReadOnlyList<PopulationMargin> Margins(string name) =>
        [.. ReadCsv($"{name}-margins.csv").GroupBy(r => r["variable"]).Select(g =>
            new PopulationMargin(g.Key, g.ToDictionary(r => r["category"], r => Number(r["total"]))))];

    public static (SampleDesign Design, List<Dictionary<string, string>> Rows) Design(string name)
    {
        var rows = ReadCsv($"{name}-data.csv");
        var margins = Margins(name);
        var variables = margins.Select(m => CategoricalVariable.FromValues(m.Variable, [.. rows.Select(r => r[m.Variable])], [.. m.Totals.Keys])).ToArray();
        return (new SampleDesign(variables, [.. rows.Select(r => Number(r["base_weight"]))]), rows);
    }

    public static WeightedDesign Weighted(string name, RakingOptions? options = null)
    {
        var (design, _) = Design(name);
        return WeightingPipeline.CreateBuilder().Rake(Margins(name), options ?? new RakingOptions { Tolerance = 1e-13 }).Build().Run(design);
    }

    public static CategoricalVariable Question(List<Dictionary<string, string>> rows, string name) =>
        CategoricalVariable.FromValues(name, [.. rows.Select(r => r[name])]);

    public static NumericVariable NumericQuestion(List<Dictionary<string, string>> rows, string name) =>
        new(name, [.. rows.Select(r => Number(r[name]))]);

    /// <summary>All reference questions, categorical first, as a crosstab takes them.</summary>
    public static IReadOnlyList<SurveyVariable> Questions(List<Dictionary<string, string>> rows) =>
        [.. Categorical.Select(q => (SurveyVariable)Question(rows, q)), .. Numeric.Select(q => NumericQuestion(rows, q))];

    private static string[] Split(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }
        cells.Add(current.ToString());
        return [.. cells];
    }
}

/// <summary>The one assertion helper for numbers: relative tolerance, with an absolute floor for values near zero.</summary>
internal static class Tolerance
{
    public static void Relative(double expected, double actual, double relative, string what, double absolute = 1e-14)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual))
        {
            return;
        }
        var error = Math.Abs(actual - expected);
        Assert.True(
            error <= relative * Math.Abs(expected) || error <= absolute,
            $"{what}: expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):G3}, allowed {relative:G3})");
    }
}
