using System.Globalization;
using CsvHelper;

namespace Survey.Exports;

/// <summary>
/// Weighted microdata: <c>response_id</c>, the codebook variables in order (with <c>q_other</c>, the "other, namely" texts),
/// <c>weight</c> (up to 6 decimals, empty for a response left out of weighting): the codebook's
/// <see cref="Codebook.Columns"/>. Standard CSV (<c>,</c>, decimal point, UTF-8 without BOM).
/// </summary>
public static class MicrodataCsv
{
    /// <exception cref="ArgumentException">A row has a variable the codebook does not list.</exception>
    public static void Write(TextWriter writer, Microdata microdata, Codebook codebook)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(microdata);
        ArgumentNullException.ThrowIfNull(codebook);
        using var csv = CsvWriter.Create(writer, CsvDialects.Options(CsvDialect.Standard), leaveOpen: true);
        var variables = codebook.Variables;
        csv.WriteRecord([.. codebook.Columns.Select(v => v.Name)]);
        foreach (var row in microdata.Rows)
        {
            CheckVariables(row, codebook);
            var fields = new string[variables.Count + 2];
            fields[0] = row.ResponseId.ToString("D", CultureInfo.InvariantCulture);
            for (var i = 0; i < variables.Count; i++)
            {
                var value = row.Values.GetValueOrDefault(variables[i].Name) ?? string.Empty;
                fields[i + 1] = variables[i].IsText ? CsvDialects.Defuse(value) : value;
            }
            fields[^1] = FormatWeight(row.Weight);
            csv.WriteRecord(fields);
        }
        csv.Flush();
    }

    /// <summary>Up to 6 decimals without trailing zeros (invariant); empty for no weight.</summary>
    internal static string FormatWeight(double? weight) =>
        weight?.ToString("0.######", CultureInfo.InvariantCulture) ?? string.Empty;

    internal static void CheckVariables(MicrodataRow row, Codebook codebook)
    {
        foreach (var name in row.Values.Keys)
        {
            if (codebook.Find(name) is null)
            {
                throw new ArgumentException($"Response {row.ResponseId} has variable '{name}', which the codebook does not list.", nameof(row));
            }
        }
    }
}

/// <summary>
/// The codebook as CSV: <c>variable,question_id,item,type,code,label_nl,label_en,dont_know,note_nl,note_en</c>; per
/// microdata column (<see cref="Codebook.Columns"/>, so <c>response_id</c> and <c>weight</c> too) one row without a code
/// (the label, and the note when there is one), then one row per code.
/// </summary>
public static class CodebookCsv
{
    public static void Write(TextWriter writer, Codebook codebook)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(codebook);
        using var csv = CsvWriter.Create(writer, CsvDialects.Options(CsvDialect.Standard), leaveOpen: true);
        csv.WriteRecord(["variable", "question_id", "item", "type", "code", "label_nl", "label_en", "dont_know", "note_nl", "note_en"]);
        foreach (var v in codebook.Columns)
        {
            csv.WriteRecord([
                v.Name, v.QuestionId, v.Item ?? string.Empty, v.Type, string.Empty, v.Label.Nl, v.Label.En, v.DontKnow ? "1" : "0",
                v.Note?.Nl ?? string.Empty, v.Note?.En ?? string.Empty]);
            foreach (var c in v.Codes)
            {
                csv.WriteRecord([v.Name, v.QuestionId, v.Item ?? string.Empty, v.Type, c.Code, c.Label.Nl, c.Label.En, c.DontKnow ? "1" : "0", string.Empty, string.Empty]);
            }
        }
        csv.Flush();
    }
}
