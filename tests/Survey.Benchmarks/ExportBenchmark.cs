using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Survey.Definitions.Model;
using Survey.Exports;

namespace Survey.Benchmarks;

/// <summary>
/// <c>-- export [--rows N]</c>: writes N synthetic respondents (default 1,000,000) × 40 variables (response id, 36 coded
/// answers with a don't-know code, a number, a date, an open answer, the weight) as microdata CSV, SPSS .sav and Stata
/// .dta, first for N/10 rows then N; prints time, file size and the process's peak working set after each. The rows are
/// generated on demand, so a flat peak between N/10 and N shows the writers stream.
/// </summary>
internal static class ExportBenchmark
{
    public static void Run(TextWriter output, int rows)
    {
        var codebook = Codebook();
        output.WriteLine("rows | format | seconds | file MB | peak working set MB (process so far)");
        output.WriteLine("---- | ------ | ------- | ------- | ------------------------------------");
        foreach (var n in new[] { rows / 10, rows })
        {
            var microdata = new Microdata(new Rows(n, codebook));
            foreach (var format in new[] { "csv", "sav", "dta" })
            {
                var path = Path.Combine(Path.GetTempPath(), $"export-benchmark-{Guid.NewGuid():N}.{format}");
                var clock = Stopwatch.StartNew();
                using (var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
                {
                    Write(format, stream, microdata, codebook);
                }
                clock.Stop();
                var size = new FileInfo(path).Length / 1e6;
                File.Delete(path);
                using var self = Process.GetCurrentProcess();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{n:N0} | {format} | {clock.Elapsed.TotalSeconds:F1} | {size:F0} | {self.PeakWorkingSet64 / 1e6:F0}"));
            }
        }
    }

    private static void Write(string format, Stream stream, Microdata microdata, Codebook codebook)
    {
        var info = new StatFileInfo(new Label("Benchmark", "Benchmark"), [new Label("Synthetisch", "Synthetic")], DateTimeOffset.UnixEpoch);
        switch (format)
        {
            case "csv":
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
                {
                    MicrodataCsv.Write(writer, microdata, codebook);
                }
                break;
            case "sav":
                SavWriter.Write(stream, microdata, codebook, LanguageTag.Dutch, info);
                break;
            default:
                DtaWriter.Write(stream, microdata, codebook, LanguageTag.Dutch, info);
                break;
        }
    }

    private static Codebook Codebook()
    {
        CodebookCode[] codes =
        [
            .. Enumerable.Range(1, 5).Select(i => new CodebookCode($"c{i}", new Label($"Optie {i}", $"Option {i}"), false)),
            new CodebookCode("dk", new Label("Weet ik niet", "Don't know"), true),
        ];
        var variables = Enumerable.Range(1, 36)
            .Select(i => new CodebookVariable($"q{i}", $"q{i}", null, "single", new Label($"Vraag {i}", $"Question {i}"), codes))
            .Append(new CodebookVariable("age", "age", null, "number", new Label("Leeftijd", "Age"), []))
            .Append(new CodebookVariable("visit", "visit", null, "date", new Label("Bezoek", "Visit"), []))
            .Append(new CodebookVariable("remarks", "remarks", null, "textarea", new Label("Opmerkingen", "Remarks"), []));
        return new Codebook([.. variables]);
    }

    /// <summary>Row i generated when asked for: nothing is kept, so memory cannot grow with the rows.</summary>
    private sealed class Rows(int count, Codebook codebook) : IReadOnlyList<MicrodataRow>
    {
        public int Count => count;

        public MicrodataRow this[int index]
        {
            get
            {
                var values = new Dictionary<string, string?>(40, StringComparer.Ordinal);
                for (var q = 0; q < 36; q++)
                {
                    var k = ((index * 31) + (q * 7)) % 7;
                    values[codebook.Variables[q].Name] = k == 6 ? null : k == 5 ? "dk" : $"c{k + 1}";
                }
                values["age"] = (18 + (index % 70)).ToString(CultureInfo.InvariantCulture);
                values["visit"] = new DateOnly(2025, 1, 1).AddDays(index % 365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                values["remarks"] = index % 5 == 0 ? $"Opmerking {index}: meer groen in de straat" : null;
                var id = new Guid(index, 0, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 0);
                return new MicrodataRow(id, values, index % 50 == 0 ? null : 0.5 + (index % 10));
            }
        }

        public IEnumerator<MicrodataRow> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
