using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
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
}
