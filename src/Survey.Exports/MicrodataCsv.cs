using System.Globalization;
using CsvHelper;

namespace Survey.Exports;

/// <summary>
/// Weighted microdata: <c>response_id</c>, the codebook variables in order, <c>weight</c> (up to 6 decimals, empty for a
/// response left out of weighting). Standard CSV (<c>,</c>, decimal point, UTF-8 without BOM).
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
        csv.WriteRecord(["response_id", .. variables.Select(v => v.Name), "weight"]);
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
/// The codebook as CSV: <c>variable,question_id,item,type,code,label_nl,label_en,dont_know</c>; per variable one row
/// without a code (the question label), then one row per code.
/// </summary>
public static class CodebookCsv
{
    public static void Write(TextWriter writer, Codebook codebook)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(codebook);
        using var csv = CsvWriter.Create(writer, CsvDialects.Options(CsvDialect.Standard), leaveOpen: true);
        csv.WriteRecord(["variable", "question_id", "item", "type", "code", "label_nl", "label_en", "dont_know"]);
        foreach (var v in codebook.Variables)
        {
            csv.WriteRecord([v.Name, v.QuestionId, v.Item ?? string.Empty, v.Type, string.Empty, v.Label.Nl, v.Label.En, v.DontKnow ? "1" : "0"]);
            foreach (var c in v.Codes)
            {
                csv.WriteRecord([v.Name, v.QuestionId, v.Item ?? string.Empty, v.Type, c.Code, c.Label.Nl, c.Label.En, c.DontKnow ? "1" : "0"]);
            }
        }
        csv.Flush();
    }
}
