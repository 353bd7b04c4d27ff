using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Exports.Tests;
using Survey.Testing;
using Survey.Web.Results;
using Survey.Web.Tests.Pages.Research;

namespace Survey.Web.Tests.Results;

/// <summary>
/// The researcher as attacker: every output a researcher can get of <c>splittest</c> (the results page, the crosstab CSV
/// standard and Dutch-Excel, the XLSX and the JSON, for every split and second split) is read back, and every additive
/// relation in it is solved for every hidden figure by <see cref="DisclosureAttacker"/>, with the weighting targets
/// known. No hidden count, base, weighted count, proportion or mean may follow.
/// </summary>
public sealed partial class DisclosureAttackTests(SplitSurveysAppFactory app) : IClassFixture<SplitSurveysAppFactory>
{
    private const string SurveyId = "splittest";

    // Per nationality: how many respondents. "in" (outside the EU) is a group of 3, below the survey's min_cell of 5.
    private static readonly (string Nationality, int Count)[] Sample = [("nl", 96), ("de", 22), ("pl", 13), ("fr", 9), ("in", 3), ("other", 4)];

    private static readonly Dictionary<string, string> Coarse = new() { ["nl"] = "nl", ["de"] = "eu", ["pl"] = "eu", ["fr"] = "eu", ["in"] = "non_eu" };
    private static readonly Dictionary<string, string> Fine = new() { ["nl"] = "nl", ["de"] = "de", ["pl"] = "pl", ["fr"] = "other_eu", ["in"] = "non_eu" };

    private static readonly Dictionary<string, Dictionary<string, string>> Labels = new()
    {
        ["nationality_group"] = new() { ["Dutch"] = "nl", ["Other EU country"] = "eu", ["Non-EU"] = "non_eu" },
        ["nationality_detail"] = new() { ["Dutch"] = "nl", ["German"] = "de", ["Polish"] = "pl", ["Other EU country"] = "other_eu", ["Non-EU"] = "non_eu" },
        ["district"] = new() { ["North"] = "north", ["South"] = "south" },
    };

    private static readonly string[] Formats = ["page", "csv", "csv-nl", "xlsx", "json"];

    [Fact]
    public async Task EveryOutput_EveryHiddenFigure_CannotBeSolvedFromWhatItShows()
    {
        var atoms = await SeedAsync();
        await ComputeAsync();
        var client = await ResearcherSignIn.SignedInAsync(app, "en");
        var questions = new Dictionary<string, string?[]> { ["safe"] = ["yes", "no"], ["years"] = [null] };

        foreach (var format in Formats)
        {
            var attackers = questions.ToDictionary(q => q.Key, q => NewAttacker(atoms, q.Value));
            var hidden = 0;
            foreach (var by in new[] { "nationality_group", "nationality_detail" })
            {
                foreach (var then in new string?[] { null, "district" })
                {
                    var query = $"by={by}" + (then is null ? string.Empty : $"&then={then}");
                    var figures = format == "page"
                        ? PageFigures((await client.GetAsync($"/en/research/{SurveyId}?{query}")).Html, by, then)
                        : await DownloadFiguresAsync(client, format, query, by, then);
                    foreach (var f in figures.Where(f => attackers.ContainsKey(f.Question)))
                    {
                        hidden += Tell(attackers[f.Question], f);
                    }
                }
            }
            Assert.True(hidden > 20, $"{format}: only {hidden} hidden figures; the sample should hide more");
            foreach (var (question, attacker) in attackers)
            {
                var leaks = attacker.Determined();
                Assert.True(leaks.Count == 0, $"{format}, {question}: " + string.Join("; ", leaks));
            }
        }
    }

    /// <summary>One figure row of an output: its place and its texts (null = not in this output, empty = hidden).</summary>
    private sealed record Figures(string Question, string? Option, AttackDomain Domain, double? Base, bool BaseHidden, double? Count, double? Weighted, double? Estimate, bool Hidden);

    private static DisclosureAttacker NewAttacker(List<IReadOnlyDictionary<string, string>> atoms, string?[] options)
    {
        var attacker = new DisclosureAttacker(atoms, options);
        attacker.PublicTotal(AttackDomain.All);
        foreach (var group in atoms.Select(a => a["nationality_group"]).Distinct())
        {
            attacker.PublicTotal(AttackDomain.Of(("nationality_group", group)));
        }
        return attacker;
    }

    private static int Tell(DisclosureAttacker attacker, Figures f)
    {
        var hidden = 0;
        if (f.BaseHidden)
        {
            attacker.Hidden(f.Domain, null, AttackFigure.Base);
            hidden++;
        }
        else if (f.Base is double n)
        {
            attacker.Shown(f.Domain, null, AttackFigure.Base, n);
        }
        if (f.Hidden)
        {
            foreach (var figure in new[] { AttackFigure.Count, AttackFigure.WeightedCount, f.Option is null ? AttackFigure.Mean : AttackFigure.Proportion })
            {
                attacker.Hidden(f.Domain, f.Option, figure);
                hidden++;
            }
            return hidden;
        }
        if (f.Count is double count)
        {
            attacker.Shown(f.Domain, f.Option, AttackFigure.Count, count);
        }
        if (f.Weighted is double weighted)
        {
            attacker.Shown(f.Domain, f.Option, AttackFigure.WeightedCount, weighted);
        }
        if (f.Estimate is double estimate)
        {
            attacker.Shown(f.Domain, f.Option, f.Option is null ? AttackFigure.Mean : AttackFigure.Proportion, estimate);
        }
        return hidden;
    }

    private static AttackDomain Domain(string by, string group, string? then, string? group2) =>
        (group == "all", group2 is null or "") switch
        {
            (true, true) => AttackDomain.All,
            (false, true) => AttackDomain.Of((by, group)),
            (true, false) => AttackDomain.Of((then!, group2!)),
            (false, false) => AttackDomain.Of((by, group), (then!, group2!)),
        };

    private static async Task<List<Figures>> DownloadFiguresAsync(RespondentClient client, string format, string query, string by, string? then)
    {
        var response = await client.Http.GetAsync(new Uri($"/en/research/{SurveyId}?handler=Download&format={format}&{query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return format switch
        {
            "csv" => CsvFigures(System.Text.Encoding.UTF8.GetString(bytes), ',', CultureInfo.InvariantCulture, by, then),
            "csv-nl" => CsvFigures(System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'), ';', CultureInfo.GetCultureInfo("nl-NL"), by, then),
            "json" => JsonFigures(bytes, by, then),
            _ => XlsxFigures(bytes, by, then),
        };
    }

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

    /// <summary>
    /// Replaces the responses: <see cref="Sample"/> over two districts and both age bands, with answers that differ by
    /// respondent. Returns the atoms: the (coarse, fine, district) combinations of weighted respondents.
    /// </summary>
    private async Task<List<IReadOnlyDictionary<string, string>>> SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        await db.Responses.Where(r => r.SurveyId == SurveyId).ExecuteDeleteAsync();
        var atoms = new HashSet<(string, string, string)>();
        var i = 0;
        foreach (var (nationality, count) in Sample)
        {
            for (var k = 0; k < count; k++, i++)
            {
                var district = (i * 7 % 11) < 4 ? "north" : "south";
                var response = new SurveyResponse { Id = Guid.NewGuid(), SurveyId = SurveyId, SurveyVersion = 1, Language = "en", CompletedOn = new DateOnly(2026, 11, 21) };
                (string Question, string? Code, string? Text)[] answers =
                [
                    ("age", (i * 5 % 7) < 3 ? "young" : "old", null),
                    ("nationality", nationality, nationality == "other" ? "Greek" : null),
                    ("district", district, null),
                    ("safe", (i * 3 % 10) < 3 ? "no" : "yes", null),
                    ("years", null, ((i * 13 % 37) + (nationality == "nl" ? 10 : 0)).ToString(CultureInfo.InvariantCulture)),
                ];
                foreach (var (question, code, text) in answers)
                {
                    response.Answers.Add(new ResponseAnswer { QuestionId = question, Code = code, Text = text });
                }
                db.Responses.Add(response);
                if (Coarse.TryGetValue(nationality, out var coarse))
                {
                    atoms.Add((coarse, Fine[nationality], district));
                }
            }
        }
        await db.SaveChangesAsync();
        return [.. atoms.Select(a => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["nationality_group"] = a.Item1, ["nationality_detail"] = a.Item2, ["district"] = a.Item3,
        })];
    }

    private async Task ComputeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<ResultsRunner>();
        var runId = await runner.QueueAsync(SurveyId, ResultRunTrigger.OnDemand, CancellationToken.None);
        var outcome = await runner.RunAsync(runId, CancellationToken.None);
        Assert.True(outcome.Succeeded, (await scope.ServiceProvider.GetRequiredService<SurveyDbContext>().ResultRuns.SingleAsync(r => r.Id == runId)).Error);
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
