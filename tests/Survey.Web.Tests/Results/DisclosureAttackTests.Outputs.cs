using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Survey.Exports.Tests;
using Survey.Testing;

namespace Survey.Web.Tests.Results;

/// <summary>Reading each output back as figures: the CSV dialects, the JSON, the XLSX grid and the results page's tables.</summary>
public sealed partial class DisclosureAttackTests
{
    private static List<Figures> CsvFigures(string text, char separator, CultureInfo culture, string by, string? then)
    {
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => SplitCsv(l, separator)).ToList();
        var header = lines[0];
        double? N(string s) => s.Length == 0 ? null : double.Parse(s, NumberStyles.Float, culture);
        return [.. lines.Skip(1).Select(f => header.Zip(f).ToDictionary(p => p.First, p => p.Second)).Select(r => new Figures(
            r["question"], r["option"].Length == 0 ? null : r["option"], Domain(by, r["group"], then, r.GetValueOrDefault("group2")),
            N(r["base"]), r["base"].Length == 0, N(r["count"]), N(r["weighted_count"]), N(r["estimate"]), r["suppressed"] == "1"))];
    }

    private static List<string> SplitCsv(string line, char separator)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == separator && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }

    private static List<Figures> JsonFigures(byte[] json, string by, string? then)
    {
        using var document = JsonDocument.Parse(json);
        double? N(JsonElement cell, string name) => cell.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;
        return [.. document.RootElement.GetProperty("cells").EnumerateArray().Select(c => new Figures(
            c.GetProperty("question").GetString()!, c.GetProperty("option").GetString(),
            Domain(by, c.GetProperty("group").GetString()!, then, c.GetProperty("group2").GetString()),
            N(c, "base"), N(c, "base") is null, N(c, "count"), N(c, "weighted_count"), N(c, "estimate"), c.GetProperty("suppressed").GetBoolean()))];
    }

    private static List<Figures> XlsxFigures(byte[] xlsx, string by, string? then)
    {
        var grid = XlsxGrid.Read(xlsx);
        var figures = new List<Figures>();
        foreach (var (sheet, cells) in grid.Sheets.Where(s => s.Name is "safe" or "years"))
        {
            var byRef = cells.ToDictionary(c => c.Reference, StringComparer.Ordinal);
            string Text(string column, int row) => byRef.TryGetValue($"{column}{row}", out var c) ? c.Display : string.Empty;
            var last = cells.Max(c => Row(c.Reference));
            for (var header = 1; header <= last; header++)
            {
                if (Text("B", header) != "Answer")
                {
                    continue;
                }
                var group2 = then is null ? null : Text("A", header - 2) is "Total" ? null : Labels[then][Text("A", header - 2)];
                var columns = new List<(string Column, string Group)>();
                for (var k = 0; Text(Column(2 + (3 * k)), header - 1) is { Length: > 0 } label; k++)
                {
                    var name = label.TrimEnd(' ', '*');
                    columns.Add((Column(2 + (3 * k)), name == "Total" ? "all" : Labels[by][name]));
                }
                var row = header + 1;
                var options = new List<(int Row, string? Option)>();
                for (; Text("B", row) != "Base (n)"; row++)
                {
                    options.Add((row, Text("A", row) is { Length: > 0 } code ? code : null));
                }
                foreach (var (column, group) in columns)
                {
                    var baseCell = byRef.GetValueOrDefault($"{column}{row}");
                    foreach (var (r, option) in options)
                    {
                        var cell = byRef.GetValueOrDefault($"{column}{r}");
                        if (cell is null)
                        {
                            continue;
                        }
                        figures.Add(new Figures(sheet, option, Domain(by, group, then, group2), baseCell?.Number, baseCell?.Number is null,
                            null, null, cell.Number, cell.Number is null));
                    }
                }
            }
        }
        return figures;
    }

    private static int Row(string reference) => int.Parse(reference.TrimStart((char[])[.. Enumerable.Range('A', 26).Select(c => (char)c)]), CultureInfo.InvariantCulture);

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column((index / 26) - 1) + (char)('A' + (index % 26));

    private static List<Figures> PageFigures(string html, string by, string? then)
    {
        var figures = new List<Figures>();
        var en = CultureInfo.GetCultureInfo("en-GB");
        foreach (Match section in SectionPattern().Matches(html))
        {
            var question = section.Groups["id"].Value;
            var body = section.Groups["body"].Value;
            var columns = ColumnPattern().Matches(body.Split("</thead>")[0]).Skip(1)
                .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value) is var label && label == "Everyone" ? "all" : Labels[by][WebUtility.HtmlDecode(m.Groups[1].Value)]).ToList();
            foreach (var tbody in body.Split("<tbody>").Skip(1))
            {
                var rowgroup = RowGroupPattern().Match(tbody);
                var group2 = then is null || !rowgroup.Success || rowgroup.Groups[1].Value == "Everyone" ? null : Labels[then][WebUtility.HtmlDecode(rowgroup.Groups[1].Value)];
                var rows = RowPattern().Matches(tbody).ToList();
                var baseRow = rows.Single(r => r.Groups["label"].Value == "Base (n)");
                var bases = CellPattern().Matches(baseRow.Groups["cells"].Value).Select(m => m.Groups["hidden"].Success ? (double?)null : Number(m.Groups["text"].Value, en)).ToList();
                foreach (var row in rows.Where(r => r != baseRow))
                {
                    var label = WebUtility.HtmlDecode(row.Groups["label"].Value);
                    string? option = question == "years" ? null : label == "Yes" ? "yes" : "no";
                    var cells = CellPattern().Matches(row.Groups["cells"].Value).ToList();
                    for (var k = 0; k < columns.Count; k++)
                    {
                        var hidden = cells[k].Groups["hidden"].Success;
                        var text = cells[k].Groups["text"].Value.Trim();
                        if (!hidden && (text.Length == 0 || text.StartsWith('–')))
                        {
                            continue;
                        }
                        var estimate = hidden ? null : Number(text, en);
                        figures.Add(new Figures(question, option, Domain(by, columns[k], then, group2), bases[k], bases[k] is null, null, null,
                            option is null ? estimate : estimate / 100, hidden));
                    }
                }
            }
        }
        return figures;
    }

    private static double? Number(string text, CultureInfo culture)
    {
        var match = NumberPattern().Match(text);
        return match.Success ? double.Parse(match.Value, NumberStyles.Number, culture) : null;
    }

    [GeneratedRegex("<section class=\"result\" aria-labelledby=\"t-(?<id>[^\"]+)-h\">(?<body>.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex SectionPattern();

    [GeneratedRegex("<th scope=\"col\">(.*?)</th>")]
    private static partial Regex ColumnPattern();

    [GeneratedRegex("<th scope=\"rowgroup\"[^>]*>(.*?)</th>")]
    private static partial Regex RowGroupPattern();

    [GeneratedRegex("<tr(?: class=\"base\")?>\\s*<th scope=\"row\">(?<label>.*?)</th>(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td(?<hidden> class=\"suppressed[^\"]*\")?[^>]*>(?<text>.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("-?[0-9][0-9,]*(\\.[0-9]+)?")]
    private static partial Regex NumberPattern();
}
