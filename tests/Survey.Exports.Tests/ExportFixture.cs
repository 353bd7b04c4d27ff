using System.Globalization;
using Survey.Definitions;
using Survey.Definitions.Model;
using Survey.Statistics;

namespace Survey.Exports.Tests;

/// <summary>
/// A small deterministic export: 82 responses, 60 in noord (weight 20), 20 in zuid (weight 40, so zuid is indicative)
/// and 2 without a district (no weight). Equal weights within a district make the raking exact (misfit 0).
/// </summary>
internal static class ExportFixture
{
    public const string Yaml = """
        id: buurtpeiling
        version: 3
        languages: [nl, en]
        title: { nl: Buurtpeiling Leiden, en: Leiden Neighbourhood Poll }
        introduction: { nl: Welkom, en: Welcome }
        closing: { nl: Dank, en: Thanks }
        pages:
          - id: p1
            questions:
              - id: district
                type: single
                background: district
                text: { nl: In welk deel van Leiden woont u?, en: In which part of Leiden do you live? }
                options:
                  - { code: noord, text: { nl: Noord, en: North } }
                  - { code: zuid, text: { nl: Zuid, en: South } }
              - id: satisfaction
                type: single
                text: { nl: "Hoe tevreden bent u met uw buurt?", en: "How satisfied are you with your neighbourhood?" }
                options:
                  - { code: satisfied, text: { nl: Tevreden, en: Satisfied } }
                  - { code: neutral, text: { nl: "Niet tevreden, niet ontevreden", en: "Neither satisfied nor dissatisfied" } }
                  - { code: dissatisfied, text: { nl: Ontevreden, en: Dissatisfied } }
                  - { code: dk, dont_know: true, text: { nl: Weet ik niet, en: Don't know } }
              - id: safety
                type: matrix
                text: { nl: Voelt u zich veilig?, en: Do you feel safe? }
                items:
                  - { code: day, text: { nl: Overdag, en: During the day } }
                  - { code: evening, text: { nl: "'s Avonds", en: In the evening } }
                options:
                  - { code: "1", text: { nl: Ja, en: "Yes" } }
                  - { code: "2", text: { nl: Nee, en: "No" } }
              - id: channels
                type: multiple
                text: { nl: Hoe neemt u contact op met de gemeente?, en: How do you contact the municipality? }
                options:
                  - { code: web, text: { nl: Website, en: Website } }
                  - { code: phone, text: { nl: Telefoon, en: Phone } }
                  - { code: dk, dont_know: true, text: { nl: Weet ik niet, en: Don't know } }
              - id: age
                type: number
                text: { nl: Hoe oud bent u?, en: How old are you? }
                options:
                  - { code: na, dont_know: true, text: { nl: Zeg ik liever niet, en: I prefer not to say } }
              - id: moved_in
                type: year
                text: { nl: Sinds wanneer woont u hier?, en: Since when do you live here? }
              - id: remarks
                type: textarea
                text: { nl: Opmerkingen, en: Remarks }
        """;

    public const int Respondents = 82;

    public static readonly DateTimeOffset ComputedAt = new(2025, 3, 14, 9, 30, 0, TimeSpan.FromHours(1));

    public static SurveyDefinition Survey()
    {
        var result = SurveyLoader.Load(Yaml, "t.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        return result.Survey!;
    }

    public static string? District(int i) => i < 60 ? "noord" : i < 80 ? "zuid" : null;

    public static string Satisfaction(int i) => (i % 12) switch
    {
        < 6 => "satisfied",
        < 9 => "neutral",
        < 11 => "dissatisfied",
        _ => "dk",
    };

    public static string SafetyDay(int i) => i % 3 == 0 ? "2" : "1";

    public static string SafetyEvening(int i) => i % 2 == 0 ? "2" : "1";

    public static bool Web(int i) => i % 2 == 0;

    public static string? Age(int i) => i % 10 == 9 ? "na" : (20 + (i * 7 % 50)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The responses raked to the district margins (the two without a district get no weight).</summary>
    public static WeightedDesign Weighted()
    {
        var design = new SampleDesign([DistrictVariable()]);
        var margin = new PopulationMargin("district", new Dictionary<string, double> { ["noord"] = 1200, ["zuid"] = 800 });
        return WeightingPipeline.CreateBuilder().Rake([margin]).Build().Run(design);
    }

    public static CategoricalVariable DistrictVariable() =>
        CategoricalVariable.FromValues("district", [.. Enumerable.Range(0, Respondents).Select(District)], ["noord", "zuid"]);

    /// <summary>The crosstab's questions: a single choice, a matrix item, a multiple-choice option and a number.</summary>
    public static SurveyVariable[] Questions()
    {
        var rows = Enumerable.Range(0, Respondents).ToArray();
        return
        [
            CategoricalVariable.FromValues("satisfaction", [.. rows.Select(Satisfaction)], ["satisfied", "neutral", "dissatisfied", "dk"]),
            CategoricalVariable.FromValues("safety.day", [.. rows.Select(SafetyDay)], ["1", "2"]),
            CategoricalVariable.FromValues("channels.web", [.. rows.Select(i => Web(i) ? "1" : "0")], ["1", "0"]),
            new NumericVariable("age", [.. rows.Select(i => Age(i) is { } a && a != "na" ? double.Parse(a, CultureInfo.InvariantCulture) : double.NaN)]),
        ];
    }

    public static (ResultsExport Results, Microdata Microdata) Build(CrosstabOptions? options = null)
    {
        var survey = Survey();
        var rows = Enumerable.Range(0, Respondents).ToArray();
        var weighted = Weighted();
        options ??= new CrosstabOptions();
        var crosstab = Crosstab.Run(weighted, Questions(), DistrictVariable(), options);
        var results = new ResultsExport(survey, weighted.Report, crosstab, "district", ComputedAt, Respondents, options, ["district"]);
        var microdata = new Microdata([.. rows.Select(i => new MicrodataRow(
            new Guid(string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{i + 1:D12}")),
            Values(i),
            double.IsNaN(weighted.Weights[i]) ? null : weighted.Weights[i]))]);
        return (results, microdata);
    }

    /// <summary>
    /// The same export (split labels included) with <paramref name="cells"/> instead of the computed ones, and
    /// <paramref name="secondGroups"/> as their second-split groups.
    /// </summary>
    public static ResultsExport WithCells(
        ResultsExport results, IReadOnlyList<CellEstimate> cells, IReadOnlyList<RaoScottResult>? tests = null, IReadOnlyList<string?>? secondGroups = null) =>
        new(results.Survey, results.Report, new CrosstabResult(cells, tests ?? []), results.GroupVariable, results.ComputedAt,
            results.ResponseCount, results.Options, results.Margins)
        {
            Split = results.Split,
            SecondSplit = results.SecondSplit,
            SecondGroups = secondGroups,
        };

    private static Dictionary<string, string?> Values(int i)
    {
        var values = new Dictionary<string, string?>
        {
            ["district"] = District(i),
            ["satisfaction"] = Satisfaction(i),
            ["safety.day"] = SafetyDay(i),
            ["safety.evening"] = SafetyEvening(i),
            ["channels.web"] = Web(i) ? "1" : "0",
            ["channels.phone"] = i % 5 == 0 ? "1" : "0",
            ["channels.dk"] = "0",
            ["age"] = Age(i),
            ["moved_in"] = i % 4 == 0 ? null : (1960 + (i / 2)).ToString(CultureInfo.InvariantCulture),
        };
        values["remarks"] = i switch
        {
            1 => "Meer groen, minder \"verkeer\", graag",
            2 => "=HYPERLINK(\"http://example.org\")",
            3 => "Twee\nregels",
            _ => null,
        };
        return values;
    }
}
