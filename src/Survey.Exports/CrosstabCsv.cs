using System.Globalization;
using System.Text;
using CsvHelper;
using Survey.Definitions.Model;

namespace Survey.Exports;

/// <summary>How a CSV download is spelled.</summary>
public enum CsvDialect
{
    /// <summary>RFC 4180: <c>,</c> between fields, decimal point, UTF-8 without a byte order mark.</summary>
    Standard,

    /// <summary>What Excel with Dutch settings opens directly: <c>;</c>, decimal comma, UTF-8 with a byte order mark.</summary>
    DutchExcel,
}

/// <summary>
/// The crosstab in long format, one row per question, option and group:
/// <c>question,question_text,option,option_text,group,group_text,base,count,weighted_count,estimate,se,ci_low,ci_high,suppressed,indicative</c>.
/// With a second split, <c>group2,group2_text</c> follow <c>group_text</c> (both empty for a cell over everyone), and a
/// row is one question, option, group and second-split group. Texts are in the chosen language; <c>group</c> <c>all</c>
/// is "Totaal"/"Total". Estimates, SEs and interval ends have 6 decimals, weighted counts 2; a suppressed cell has empty
/// numbers and <c>suppressed</c> = 1.
/// </summary>
public static class CrosstabCsv
{
    internal static readonly string[] Header =
        ["question", "question_text", "option", "option_text", "group", "group_text", "base", "count", "weighted_count", "estimate", "se", "ci_low", "ci_high", "suppressed", "indicative"];

    internal static readonly string[] HeaderWithSecondSplit = [.. Header[..6], "group2", "group2_text", .. Header[6..]];

    /// <summary>
    /// Writes the CSV text. For <see cref="CsvDialect.DutchExcel"/> the text starts with U+FEFF, which becomes the
    /// byte order mark when <paramref name="writer"/> encodes UTF-8 without a preamble of its own (see the Stream overload).
    /// </summary>
    public static void Write(TextWriter writer, ResultsExport results, CsvDialect dialect, LanguageTag labels)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(results);
        var numbers = CsvDialects.Numbers(dialect);
        CsvDialects.WriteBom(writer, dialect);
        using var csv = CsvWriter.Create(writer, CsvDialects.Options(dialect), leaveOpen: true);
        var second = results.HasSecondSplit;
        csv.WriteRecord(second ? HeaderWithSecondSplit : Header);
        foreach (var c in results.PublishedCells())
        {
            string[] groups = second
                ? [c.Group, results.GroupText(c.Group, labels), c.Group2 ?? string.Empty, results.SecondGroupText(c.Group2, labels)]
                : [c.Group, results.GroupText(c.Group, labels)];
            csv.WriteRecord(
            [
                c.Question,
                results.QuestionText(c.Question, labels),
                c.Option ?? string.Empty,
                results.OptionText(c.Question, c.Option, labels),
                .. groups,
                c.Base?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                c.Count?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                ExportText.Fixed(c.WeightedCount, 2, numbers),
                ExportText.Fixed(c.Estimate, 6, numbers),
                ExportText.Fixed(c.StandardError, 6, numbers),
                ExportText.Fixed(c.Lower, 6, numbers),
                ExportText.Fixed(c.Upper, 6, numbers),
                c.Suppressed ? "1" : "0",
                c.Indicative ? "1" : "0",
            ]);
        }
        csv.Flush();
    }

    /// <summary>Writes the CSV as UTF-8 bytes (with the byte order mark for <see cref="CsvDialect.DutchExcel"/>).</summary>
    public static void Write(Stream stream, ResultsExport results, CsvDialect dialect, LanguageTag labels)
    {
        using var writer = CsvDialects.Utf8Writer(stream);
        Write(writer, results, dialect, labels);
    }
}

internal static class CsvDialects
{
    public static IFormatProvider Numbers(CsvDialect dialect) =>
        dialect == CsvDialect.DutchExcel ? ExportText.DutchNumbers : CultureInfo.InvariantCulture;

    public static CsvWriterOptions Options(CsvDialect dialect) => new()
    {
        Separator = dialect == CsvDialect.DutchExcel ? ';' : ',',
        NewLine = "\r\n",
    };

    public static void WriteBom(TextWriter writer, CsvDialect dialect)
    {
        if (dialect == CsvDialect.DutchExcel)
        {
            writer.Write('\uFEFF');
        }
    }

    /// <summary>UTF-8 without a preamble (a BOM is written as text where the dialect wants one); leaves the stream open.</summary>
    public static StreamWriter Utf8Writer(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: -1, leaveOpen: true);
    }

    /// <summary>
    /// Free text typed by respondents that a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
    /// tab, CR) gets a leading apostrophe (OWASP CSV injection advice).
    /// </summary>
    public static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
