using Survey.Definitions.Model;
using Survey.Statistics;

namespace Survey.Exports.Tests;

/// <summary>
/// The <see cref="ExportFixture"/> responses split by a derived nationality group whose codes (<c>nl</c>, <c>eu</c>,
/// <c>non_eu</c>) are no question's options, so only <see cref="ResultsExport.Split"/> can label them; optionally within
/// district as the second split, labelled differently from the district question so the labels' source shows. The cells
/// are laid out as the web app's snapshot downloads lay them out.
/// </summary>
internal static class SplitExportFixture
{
    public const string By = "nationality_group";

    public const string ThenBy = "district";

    public static readonly SplitLabels Nationality = new(By, Text("Nationaliteitsgroep", "Nationality group"), new Dictionary<string, LocalizedText>
    {
        ["nl"] = Text("Nederlands", "Dutch"),
        ["eu"] = Text("Andere EU-landen", "Other EU countries"),
        ["non_eu"] = Text("Buiten de EU", "Outside the EU"),
    });

    public static readonly SplitLabels District = new(ThenBy, Text("Stadsdeel", "City district"), new Dictionary<string, LocalizedText>
    {
        ["noord"] = Text("Leiden-Noord", "Leiden North"),
        ["zuid"] = Text("Leiden-Zuid", "Leiden South"),
    });

    /// <summary>Three in five Dutch, one in five each from another EU country and from outside the EU.</summary>
    public static string NationalityGroup(int i) => (i % 5) switch
    {
        < 3 => "nl",
        3 => "eu",
        _ => "non_eu",
    };

    /// <summary>
    /// Split by nationality group, and with <paramref name="withDistrict"/> also within district. Per question: overall,
    /// per nationality group, per district (group <c>all</c>) and per combination, each table from its own
    /// <see cref="Crosstab.Run"/> (the web app's linked disclosure control is not what these tests are about).
    /// </summary>
    public static ResultsExport Build(bool withDistrict)
    {
        var weighted = ExportFixture.Weighted();
        var questions = ExportFixture.Questions();
        var rows = Enumerable.Range(0, ExportFixture.Respondents).ToArray();
        var options = new CrosstabOptions();
        var byNationality = Crosstab.Run(
            weighted, questions, CategoricalVariable.FromValues(By, [.. rows.Select(NationalityGroup)], ["nl", "eu", "non_eu"]), options);
        var cells = byNationality.Cells.Select(c => (Cell: c, Group2: (string?)null)).ToList();
        var tests = byNationality.Tests;
        if (withDistrict)
        {
            var byDistrict = Crosstab.Run(weighted, questions, ExportFixture.DistrictVariable(), options);
            cells.AddRange(byDistrict.Cells.Where(c => c.Group != Estimation.AllGroup).Select(c => (c with { Group = Estimation.AllGroup }, (string?)c.Group)));
            string[] combinations = [.. Nationality.Groups.Keys.SelectMany(n => District.Groups.Keys.Select(d => $"{n}/{d}"))];
            var combined = CategoricalVariable.FromValues(
                $"{By}/{ThenBy}", [.. rows.Select(i => ExportFixture.District(i) is { } d ? $"{NationalityGroup(i)}/{d}" : null)], combinations);
            var byCombination = Crosstab.Run(weighted, questions, combined, options);
            cells.AddRange(byCombination.Cells.Where(c => c.Group != Estimation.AllGroup).Select(c =>
            {
                var parts = c.Group.Split('/');
                return (c with { Group = parts[0] }, (string?)parts[1]);
            }));
            tests = [.. byCombination.Tests.Select(t => t with { By = By })];
        }
        // As stored by the web app: all tables of one question together.
        var order = questions.Select(q => q.Name).ToList();
        cells = [.. cells.OrderBy(c => order.IndexOf(c.Cell.Question))];
        return new ResultsExport(
            ExportFixture.Survey(), weighted.Report, new CrosstabResult([.. cells.Select(c => c.Cell)], tests), By,
            ExportFixture.ComputedAt, ExportFixture.Respondents, options, ["district"])
        {
            Split = Nationality,
            SecondSplit = withDistrict ? District : null,
            SecondGroups = withDistrict ? [.. cells.Select(c => c.Group2)] : null,
        };
    }

    private static LocalizedText Text(string nl, string en) => new(new Dictionary<string, string> { ["nl"] = nl, ["en"] = en });
}
