using System.Diagnostics;
using System.Globalization;
using System.Text;
using Survey.Statistics;

namespace Survey.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Survey.Benchmarks -- weighting [--r-max N]</c>: times raking plus all
/// crosstabs (by nationality group) for 20,000, 200,000 and 1,000,000 synthetic respondents, and the same work in R
/// (calibrate + svyby) for sizes up to --r-max (default 200,000; R is slow on 1,000,000).
/// </summary>
internal static class Program
{
    private static readonly (string Name, string[] Categories, double[] Shares)[] Margins =
    [
        ("age_band", ["18-24", "25-39", "40-54", "55-64", "65+"], [0.190, 0.275, 0.210, 0.135, 0.190]),
        ("gender", ["man", "woman", "other"], [0.480, 0.510, 0.010]),
        ("nationality_group", ["nl", "eu", "non_eu"], [0.861, 0.062, 0.077]),
        ("district", ["binnenstad-noord", "binnenstad-zuid", "stationsdistrict", "leiden-noord", "roodenburgerdistrict", "bos-en-gasthuisdistrict", "morsdistrict", "boerhaavedistrict", "merenwijk", "stevenshof"],
            [0.10, 0.07, 0.05, 0.14, 0.11, 0.13, 0.09, 0.11, 0.11, 0.09]),
    ];

    private const double Total = 110600;

    private static int Main(string[] args)
    {
        if (args is ["definitions"])
        {
            DefinitionsBenchmark.Run(Console.Out);
            return 0;
        }
        if (args.Length > 0 && args[0] == "export")
        {
            ExportBenchmark.Run(Console.Out, args is [_, "--rows", var rows] ? int.Parse(rows, CultureInfo.InvariantCulture) : 1_000_000);
            return 0;
        }
        if (args.Length > 0 && args[0] == "mail")
        {
            MailBenchmark.RunAsync(Console.Out, args is [_, "--invitations", var count] ? int.Parse(count, CultureInfo.InvariantCulture) : 20_000).GetAwaiter().GetResult();
            return 0;
        }
        if (args is ["splits"])
        {
            Splits();
            return 0;
        }
        if (args.Length == 0 || args[0] != "weighting")
        {
            Console.Error.WriteLine("usage: Survey.Benchmarks weighting [--r-max N] | splits | definitions | export [--rows N] | mail [--invitations N]");
            return 2;
        }
        var rMax = args.Length == 3 && args[1] == "--r-max" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000;
        var hasR = FindRscript() is not null;
        Console.WriteLine("respondents | C# weighting+crosstabs (ms, median of 5) | R calibrate+svyby (ms) | R / C#");
        Console.WriteLine("----------- | -------------------------------------- | ---------------------- | ------");
        Run(2_000, write: false);  // warm-up (JIT)
        foreach (var n in new[] { 20_000, 200_000, 1_000_000 })
        {
            // Median of five C# runs (one R run: it takes seconds to minutes).
            var (_, csv) = Run(n, write: hasR && n <= rMax);
            var times = Enumerable.Range(0, 5).Select(_ => Run(n, write: false).Ms).Order().ToArray();
            var ms = times[2];
            var rMs = csv is null ? double.NaN : TimeR(csv);
            if (csv is not null)
            {
                File.Delete(csv);
            }
            var rText = double.IsNaN(rMs) ? (hasR ? "not run (> --r-max)" : "Rscript not found") : rMs.ToString("F0", CultureInfo.InvariantCulture);
            var ratio = double.IsNaN(rMs) ? "" : (rMs / ms).ToString("F0", CultureInfo.InvariantCulture) + "x";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n,11:N0} | {ms,38:F0} | {rText,22} | {ratio}"));
        }
        return 0;
    }

    /// <summary>
    /// <c>-- splits</c>: what the web job does for the Stadsenquête: raking, then every question overall, by nationality
    /// group, by district, by age band, and by nationality group within each district and within each age band, with
    /// disclosure control over all of it (SplitCrosstab). Median of five runs per size.
    /// </summary>
    private static void Splits()
    {
        Console.WriteLine("respondents | C# weighting + splits (ms, median of 5) | cells");
        Console.WriteLine("----------- | --------------------------------------- | -----");
        RunSplits(2_000); // warm-up (JIT)
        foreach (var n in new[] { 20_000, 200_000, 1_000_000 })
        {
            var runs = Enumerable.Range(0, 5).Select(_ => RunSplits(n)).OrderBy(r => r.Ms).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n,11:N0} | {runs[2].Ms,39:F0} | {runs[2].Cells:N0}"));
        }
    }

    private static (double Ms, int Cells) RunSplits(int n)
    {
        var (variables, questions) = Generate(n, seed: 42);
        var margins = Margins.Select(m => PopulationMargin.FromShares(m.Name, m.Categories.Zip(m.Shares).ToDictionary(p => p.First, p => p.Second), Total)).ToArray();
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var design = new SampleDesign(variables);
        var weighted = WeightingPipeline.FromSettings(margins).Run(design);
        var result = SplitCrosstab.Run(weighted, questions, [design.Variable("nationality_group")], [design.Variable("district"), design.Variable("age_band")]);
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, result.Cells.Count);
    }

    private static (double Ms, string? Csv) Run(int n, bool write)
    {
        var (variables, questions) = Generate(n, seed: 42);
        var margins = Margins.Select(m => PopulationMargin.FromShares(m.Name, m.Categories.Zip(m.Shares).ToDictionary(p => p.First, p => p.Second), Total)).ToArray();
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var design = new SampleDesign(variables);
        var weighted = WeightingPipeline.CreateBuilder().Rake(margins).Build().Run(design);
        var result = Crosstab.Run(weighted, questions, design.Variable("nationality_group"));
        watch.Stop();
        if (result.Cells.Count == 0 || weighted.Report.Included != n)
        {
            throw new InvalidOperationException("benchmark produced nothing");
        }
        return (watch.Elapsed.TotalMilliseconds, write ? WriteCsv(variables, questions) : null);
    }

    private static (CategoricalVariable[] Variables, SurveyVariable[] Questions) Generate(int n, int seed)
    {
        var random = new Random(seed);
        var sample = new[] { new[] { 0.12, 0.22, 0.24, 0.18, 0.24 }, [0.44, 0.54, 0.02], [0.8, 0.1, 0.1], [0.12, 0.08, 0.06, 0.12, 0.1, 0.12, 0.1, 0.1, 0.1, 0.1] };
        var codes = new int[Margins.Length][];
        for (var j = 0; j < Margins.Length; j++)
        {
            codes[j] = new int[n];
            for (var i = 0; i < n; i++)
            {
                codes[j][i] = Draw(random, sample[j]);
            }
        }
        var variables = Margins.Select((m, j) => new CategoricalVariable(m.Name, m.Categories, codes[j])).ToArray();
        var questions = new List<SurveyVariable>();
        var optionCounts = new[] { 3, 4, 5, 11, 2, 6, 3, 7 };
        for (var q = 0; q < optionCounts.Length; q++)
        {
            var k = optionCounts[q];
            var answers = new int[n];
            for (var i = 0; i < n; i++)
            {
                var shift = codes[2][i] == 0 ? 0 : 1;
                answers[i] = random.NextDouble() < 0.05 ? -1 : (int)((random.NextDouble() * k) + (shift * random.NextDouble() * 0.5)) % k;
            }
            questions.Add(new CategoricalVariable($"q{q + 1}", [.. Enumerable.Range(1, k).Select(x => x.ToString(CultureInfo.InvariantCulture))], answers));
        }
        for (var q = 0; q < 2; q++)
        {
            var values = new double[n];
            for (var i = 0; i < n; i++)
            {
                values[i] = random.NextDouble() < 0.05 ? double.NaN : Math.Round((random.NextDouble() * 20) + codes[0][i], 1);
            }
            questions.Add(new NumericVariable($"x{q + 1}", values));
        }
        return (variables, [.. questions]);
    }

    private static int Draw(Random random, double[] shares)
    {
        var u = random.NextDouble();
        for (var k = 0; k < shares.Length - 1; k++)
        {
            u -= shares[k];
            if (u < 0)
            {
                return k;
            }
        }
        return shares.Length - 1;
    }

    private static string WriteCsv(CategoricalVariable[] variables, SurveyVariable[] questions)
    {
        var path = Path.Combine(Path.GetTempPath(), $"survey-bench-{Guid.NewGuid():N}.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine(string.Join(',', variables.Select(v => v.Name).Concat(questions.Select(q => q.Name))));
        var line = new StringBuilder();
        for (var i = 0; i < variables[0].Count; i++)
        {
            line.Clear();
            foreach (var v in variables)
            {
                line.Append(v.Categories[v.Codes[i]]).Append(',');
            }
            foreach (var q in questions)
            {
                line.Append(q switch
                {
                    CategoricalVariable c => c.Codes[i] < 0 ? "" : c.Categories[c.Codes[i]],
                    NumericVariable x => double.IsNaN(x.Values[i]) ? "" : x.Values[i].ToString(CultureInfo.InvariantCulture),
                    _ => "",
                }).Append(',');
            }
            line.Length--;
            writer.WriteLine(line);
        }
        return path;
    }

    /// <summary>Runs calibrate + svymean/svyby for every question in R and returns R's own elapsed time for that work.</summary>
    private static double TimeR(string csv)
    {
        var margins = string.Join(",\n", Margins.Select(m =>
            $"  {m.Name} = c({string.Join(", ", m.Categories.Zip(m.Shares).Select(p => $"\"{p.First}\" = {p.Second.ToString(CultureInfo.InvariantCulture)}"))})"));
        var script = $$"""
            suppressMessages(library(survey))
            d <- read.csv("{{csv}}", colClasses = "character")
            margins <- list(
            {{margins}})
            for (v in names(margins)) d[[v]] <- factor(d[[v]], levels = names(margins[[v]]))
            qs <- setdiff(names(d), names(margins))
            for (q in qs) d[[q]] <- if (startsWith(q, "x")) as.numeric(ifelse(d[[q]] == "", NA, d[[q]])) else factor(ifelse(d[[q]] == "", NA, d[[q]]))
            fml <- ~age_band + gender + nationality_group + district
            mm <- model.matrix(fml, d[1:200, ])
            pop <- sapply(colnames(mm), function(col) {
              if (col == "(Intercept)") return({{Total}})
              for (v in names(margins)) if (startsWith(col, v)) return({{Total}} * margins[[v]][[substring(col, nchar(v) + 1)]])
            })
            d$w0 <- 1
            t <- system.time({
              cal <- calibrate(svydesign(ids = ~1, weights = ~w0, data = d), fml, population = pop, calfun = "raking")
              for (q in qs) {
                f <- as.formula(paste0("~", q))
                svymean(f, cal, na.rm = TRUE)
                svyby(f, ~nationality_group, cal, svymean, na.rm = TRUE)
              }
            })
            cat(t[["elapsed"]] * 1000, "\n")
            """;
        var scriptPath = Path.ChangeExtension(csv, ".R");
        File.WriteAllText(scriptPath, script);
        try
        {
            var start = new ProcessStartInfo("Rscript", [scriptPath]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine("R failed: " + error);
                return double.NaN;
            }
            return double.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(scriptPath);
        }
    }

    private static string? FindRscript() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(p => Path.Combine(p, "Rscript")).FirstOrDefault(File.Exists);
}
