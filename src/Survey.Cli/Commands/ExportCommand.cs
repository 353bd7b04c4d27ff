using System.Globalization;
using Survey.Cli.Analysis;
using Survey.Definitions;
using Survey.Definitions.Model;
using Survey.Exports;

namespace Survey.Cli.Commands;

/// <summary><c>survey export</c>: a microdata CSV (as downloaded) and its survey as an SPSS or Stata file with labels.</summary>
internal static class ExportCommand
{
    public const string Help = """
        usage: survey export --format sav|dta --data microdata.csv --survey surveys/x.yaml --lang nl|en --out FILE

        Writes the microdata CSV downloaded from the researcher page (response_id, the codebook variables, weight) as
        an SPSS system file (sav) or a Stata 118 file (dta): variable and value labels in --lang, the other language
        in SPSS variable attributes or Stata notes, "don't know" codes user-missing (SPSS), the weight as the file's
        weight (SPSS), dates as dates. The CSV's columns must be the survey's codebook columns, in order.
        Exit codes: 0 done, 1 invalid input, 2 usage error.
        """;

    private static readonly HashSet<string> Allowed = ["format", "data", "survey", "lang", "out"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        AnalysisCommand.Run("export", Help, args, stdout, stderr, () =>
        {
            var options = AnalysisArguments.Parse(args, Allowed, Allowed);
            var format = options["format"] is "sav" or "dta" ? options["format"] : throw new UsageException($"--format must be sav or dta, not '{options["format"]}'");
            var language = options["lang"] is "nl" or "en" ? new LanguageTag(options["lang"]) : throw new UsageException($"--lang must be nl or en, not '{options["lang"]}'");
            var loaded = SurveyLoader.LoadFile(options["survey"]);
            var survey = loaded.Survey ?? throw new InputException($"{options["survey"]}: {string.Join("; ", loaded.Diagnostics)}");
            var codebook = Codebook.For(survey);
            var microdata = Read(DataTable.Load(options["data"]), codebook);
            var info = new StatFileInfo(
                new Exports.Label(survey.Title[LanguageTag.Dutch], survey.Title[LanguageTag.English]),
                [new Exports.Label(
                    $"Microdata uit {Path.GetFileName(options["data"])}; gewichten zoals in dat bestand.",
                    $"Microdata from {Path.GetFileName(options["data"])}; weights as in that file.")],
                File.GetLastWriteTimeUtc(options["data"]));
            var temporary = options["out"] + ".part";
            using (var stream = File.Create(temporary))
            {
                try
                {
                    if (format == "sav")
                    {
                        SavWriter.Write(stream, microdata, codebook, language, info);
                    }
                    else
                    {
                        DtaWriter.Write(stream, microdata, codebook, language, info);
                    }
                }
                catch (FormatException ex)
                {
                    stream.Dispose();
                    File.Delete(temporary);
                    throw new InputException($"{options["data"]}: {ex.Message}");
                }
            }
            File.Move(temporary, options["out"], overwrite: true);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {options["out"]}: {microdata.Rows.Count} responses, {codebook.Columns.Count} variables"));
            return 0;
        });

    /// <summary>The CSV's rows as microdata; its header must be the codebook's columns.</summary>
    private static Microdata Read(DataTable data, Codebook codebook)
    {
        var expected = codebook.Columns.Select(c => c.Name).ToArray();
        if (!data.Header.SequenceEqual(expected))
        {
            throw new InputException($"{data.Path}: the columns are not the survey's microdata columns ({string.Join(",", expected)})");
        }
        var rows = new List<MicrodataRow>(data.Rows.Count);
        foreach (var (fields, line) in data.Rows.Select((f, i) => (f, i + 2)))
        {
            if (!Guid.TryParse(fields[0], out var id))
            {
                throw new InputException($"{data.Path}:{line}: response_id '{fields[0]}' is not an id");
            }
            double? weight = null;
            if (fields[^1].Length > 0)
            {
                weight = double.TryParse(fields[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && double.IsFinite(w) && w > 0
                    ? w : throw new InputException($"{data.Path}:{line}: weight '{fields[^1]}' is not a positive number");
            }
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var c = 1; c < expected.Length - 1; c++)
            {
                if (fields[c].Length > 0)
                {
                    values[expected[c]] = codebook.Columns[c].IsText ? Undefuse(fields[c]) : fields[c];
                }
            }
            rows.Add(new MicrodataRow(id, values, weight));
        }
        return new Microdata(rows);
    }

    /// <summary>
    /// The microdata CSV puts a ' before a text starting with = + - @ tab or return (so a spreadsheet does not run it);
    /// the statistics file holds the text as typed.
    /// </summary>
    private static string Undefuse(string text) =>
        text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? text[1..] : text;
}
