using System.Diagnostics;
using System.Globalization;
using System.Text;
using Survey.Definitions;

namespace Survey.Benchmarks;

/// <summary>
/// Loading and validating survey definitions: a synthetic survey of 10,000 questions (target: under 2 s), and every file
/// shipped in surveys/. Prints the median of several runs.
/// </summary>
public static class DefinitionsBenchmark
{
    private const int Questions = 10_000;
    private const int Runs = 5;

    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var file = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(file, Generate(Questions));
            var lines = File.ReadLines(file).Count();
            SurveyLoadResult? last = null;
            var median = Median(() => last = SurveyLoader.LoadFile(file));
            var verdict = last!.IsValid ? "valid" : $"INVALID ({last.Diagnostics.Count} errors, first: {last.Diagnostics[0]})";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"definitions: load+validate {Questions:N0} questions ({lines:N0} lines): median {median.TotalMilliseconds:F0} ms of {Runs} runs, {verdict}; target < 2000 ms"));
        }
        finally
        {
            File.Delete(file);
        }

        var surveys = FindSurveysFolder();
        if (surveys is null)
        {
            output.WriteLine("definitions: surveys/ not found (no Survey.sln above the current folder)");
            return;
        }
        var count = SurveyCatalog.SurveyFiles(surveys).Count;
        SurveyCatalogResult? catalog = null;
        var shipped = Median(() => catalog = SurveyCatalog.LoadDirectory(surveys));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"definitions: load+validate all {count} files in {surveys}: median {shipped.TotalMilliseconds:F1} ms, {catalog!.Diagnostics.Count} diagnostics"));
    }

    private static TimeSpan Median(Action action)
    {
        action(); // warm-up: JIT and Markdig/YamlDotNet static setup
        var times = new List<TimeSpan>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static string? FindSurveysFolder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Survey.sln")))
            {
                return Path.Combine(dir.FullName, "surveys");
            }
        }
        return null;
    }

    /// <summary>A valid survey: pages of 10 questions cycling through every type, with conditions on earlier pages.</summary>
    public static string Generate(int questions)
    {
        var yaml = new StringBuilder();
        yaml.Append("""
            id: bench
            version: 1
            languages: [nl, en]
            title: { nl: Benchmark, en: Benchmark }
            introduction: { nl: "Welkom bij de **benchmark**.", en: "Welcome to the **benchmark**." }
            closing: { nl: Dank, en: Thanks }
            option_sets:
              agree5:
                - { code: "1", text: { nl: Oneens, en: Disagree } }
                - { code: "2", text: { nl: Beetje oneens, en: Somewhat disagree } }
                - { code: "3", text: { nl: Neutraal, en: Neutral } }
                - { code: "4", text: { nl: Beetje eens, en: Somewhat agree } }
                - { code: "5", text: { nl: Eens, en: Agree } }
                - { code: dk, dont_know: true, text: { nl: Weet niet, en: Don't know } }
            pages:

            """);
        for (var i = 0; i < questions; i++)
        {
            if (i % 10 == 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - id: p{i / 10}\n    title: {{ nl: Pagina {i / 10}, en: Page {i / 10} }}\n");
                if (i >= 20)
                {
                    yaml.Append(CultureInfo.InvariantCulture, $"    show_if: {{ any: [ {{ question: q{i - 20}, one_of: [a, b] }}, {{ question: q{i - 15}, less_than: 50 }} ] }}\n");
                }
                yaml.Append("    questions:\n");
            }
            yaml.Append(CultureInfo.InvariantCulture, $"      - id: q{i}\n        text: {{ nl: Vraag {i}?, en: Question {i}? }}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"        help: {{ nl: \"Zie de [uitleg](https://example.org/{i}).\", en: \"See the [explanation](https://example.org/{i}).\" }}\n");
            yaml.Append((i % 10) switch
            {
                0 => "        type: single\n        options:\n          - { code: a, text: { nl: A, en: A } }\n          - { code: b, text: { nl: B, en: B } }\n          - { code: other, other: true, text: { nl: Anders, en: Other } }\n",
                1 => "        type: multiple\n        max_choices: 2\n        randomize: true\n        options: agree5\n",
                2 => "        type: dropdown\n        options: agree5\n",
                3 => "        type: rating\n        min: 1\n        max: 10\n        min_label: { nl: Slecht, en: Bad }\n        max_label: { nl: Goed, en: Good }\n",
                4 => "        type: matrix\n        options: agree5\n        items:\n          - { code: x, text: { nl: X, en: X } }\n          - { code: y, text: { nl: Y, en: Y } }\n",
                5 => "        type: number\n        number: integer\n        min: 0\n        max: 100\n        unit: { nl: jaar, en: years }\n",
                6 => "        type: text\n        max_length: 200\n",
                7 => "        type: textarea\n",
                8 => "        type: date\n        min: 1950-01-01\n        max: 2030-12-31\n",
                _ => "        type: year\n        min: 1900\n        max: 2030\n",
            });
        }
        return yaml.ToString();
    }
}
