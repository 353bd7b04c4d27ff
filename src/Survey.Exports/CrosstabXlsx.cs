using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Survey.Definitions.Model;
using Survey.Statistics;

namespace Survey.Exports;

/// <summary>
/// The crosstab as an Excel workbook: a first sheet "Toelichting"/"Notes" (survey, computation time, n, the weighting
/// report and the method), then one sheet per question with option × group (estimate as a percentage with its
/// interval, or a mean), the group bases and the Rao–Scott test. With a second split, a question sheet has one such
/// block per group of the second split (first the block over everyone), each headed by the group's label. Suppressed cells show the text "verborgen"/"hidden", never a number;
/// every other number is a numeric cell.
/// </summary>
public static class CrosstabXlsx
{
    /// <summary>Writes the workbook to <paramref name="stream"/> (which need not be seekable) in the language of <paramref name="language"/>.</summary>
    public static void Write(Stream stream, ResultsExport results, LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(results);
        var names = new SheetNames();
        var sheets = new List<(XlsxSheet Sheet, double[] Widths)> { (Notes(results, language, names), [44, 60]) };
        var cells = results.PublishedCells().ToList();
        foreach (var question in results.Questions())
        {
            var sheet = QuestionSheet(results, language, names.Claim(question), cells.Where(c => c.Question == question).ToList());
            sheets.Add(sheet);
        }
        // System.IO.Packaging needs a seekable stream; an HTTP response body is not, so build in memory first.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxSheet.Stylesheet();
            var list = workbook.Workbook.AppendChild(new Sheets());
            for (var i = 0; i < sheets.Count; i++)
            {
                sheets[i].Sheet.AddTo(workbook, list, (uint)(i + 1), sheets[i].Widths);
            }
        }
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    private static XlsxSheet Notes(ResultsExport results, LanguageTag language, SheetNames names)
    {
        string T(string nl, string en) => ExportText.Pick(language, nl, en);
        var report = results.Report;
        var sheet = new XlsxSheet(names.Claim(T("Toelichting", "Notes")));
        sheet.Row().Text(results.Survey.Title[language], XlsxStyle.Bold);
        sheet.Row().Text(T("Enquête", "Survey")).Text(string.Create(CultureInfo.InvariantCulture, $"{results.Survey.Id} ({T("versie", "version")} {results.Survey.Version})"));
        sheet.Row().Text(T("Berekend op", "Computed at")).Text(results.ComputedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
        sheet.Row().Text(T("Aantal responses (n)", "Responses (n)")).Number(results.ResponseCount, XlsxStyle.Integer);
        sheet.Row().Text(T("Uitgesplitst naar", "Broken down by")).Text(results.BreakdownText(language));
        sheet.Row();
        sheet.Row().Text(T("Weging", "Weighting"), XlsxStyle.Bold);
        sheet.Row().Text(T("Wegingsvariabelen", "Weighting variables")).Text(string.Join(", ", results.Margins));
        sheet.Row().Text(T("Iteraties", "Iterations")).Number(report.Iterations, XlsxStyle.Integer);
        sheet.Row().Text(T("Geconvergeerd", "Converged")).Text(report.Converged ? T("ja", "yes") : T("nee", "no"));
        sheet.Row().Text(T("Grootste relatieve afwijking van de populatieverdeling", "Largest relative misfit to the population margins")).Number(ExportText.Significant3(report.MaxMisfit), XlsxStyle.Scientific);
        sheet.Row().Text(T("Gewogen responses", "Weighted responses")).Number(report.Included, XlsxStyle.Integer);
        sheet.Row().Text(T("Zonder gewicht (wegingsvariabele ontbreekt)", "Without weight (weighting variable missing)")).Number(report.Excluded, XlsxStyle.Integer);
        sheet.Row().Text(T("Kleinste gewicht", "Smallest weight")).Number(report.Min, XlsxStyle.Decimal2);
        sheet.Row().Text(T("Grootste gewicht", "Largest weight")).Number(report.Max, XlsxStyle.Decimal2);
        sheet.Row().Text(T("Gemiddeld gewicht", "Mean weight")).Number(report.Mean, XlsxStyle.Decimal2);
        sheet.Row().Text(T("Som van de gewichten (populatie)", "Sum of weights (population)")).Number(report.Total, XlsxStyle.Decimal2);
        sheet.Row().Text(T("Design-effect (Kish)", "Design effect (Kish)")).Number(report.DesignEffect, XlsxStyle.Decimal2);
        sheet.Row().Text(T("Effectieve steekproefomvang", "Effective sample size")).Number(report.EffectiveSampleSize, XlsxStyle.Decimal2);
        sheet.Row().Text(T("Getrimde gewichten", "Trimmed weights")).Number(report.Trimmed, XlsxStyle.Integer);
        sheet.Row();
        sheet.Row().Text(T("Methode", "Method"), XlsxStyle.Bold);
        foreach (var line in MethodNotes(results, language))
        {
            sheet.Row().Text(line);
        }
        return sheet;
    }

    internal static IEnumerable<string> MethodNotes(ResultsExport results, LanguageTag language)
    {
        string T(string nl, string en) => ExportText.Pick(language, nl, en);
        var rule = results.Options.Disclosure;
        var level = results.Options.Estimation.ConfidenceLevel.ToString("0.##%", CultureInfo.InvariantCulture);
        var margins = string.Join(", ", results.Margins);
        yield return T(
            $"Gewichten: raking (iterative proportional fitting) naar de populatieverdeling van {margins}. Responses zonder een van deze kenmerken krijgen geen gewicht en tellen niet mee.",
            $"Weights: raking (iterative proportional fitting) to the population margins of {margins}. Responses missing any of these get no weight and are left out.");
        yield return T(
            "Standaardfouten: gelineariseerd met de residuen van de kalibratie, zodat de onzekerheid van de weging is meegenomen (als R survey::calibrate).",
            "Standard errors: linearised with the calibration residuals, so the weighting is taken into account (as R survey::calibrate).");
        yield return results.Options.Estimation.ProportionInterval == ProportionInterval.Logit
            ? T($"Intervallen: {level}-betrouwbaarheidsinterval op de logit-schaal (t met basis - 1 vrijheidsgraden); gemiddelden: normaal interval.",
                $"Intervals: {level} confidence interval on the logit scale (t with base - 1 degrees of freedom); means: normal interval.")
            : T($"Intervallen: {level}-betrouwbaarheidsinterval volgens Korn-Graubard; gemiddelden: normaal interval.",
                $"Intervals: {level} Korn-Graubard confidence interval; means: normal interval.");
        yield return results.HasSecondSplit
            ? T("Toets: Rao-Scott-gecorrigeerde F-toets op samenhang tussen vraag en groep, over alle combinaties van de groepen van beide uitsplitsingen.",
                "Test: Rao-Scott corrected F test of association between question and group, across all combinations of the groups of both splits.")
            : T("Toets: Rao-Scott-gecorrigeerde F-toets op samenhang tussen vraag en groep.",
                "Test: Rao-Scott corrected F test of association between question and group.");
        yield return T(
            $"Cellen met minder dan {rule.MinCellCount} responses zijn verborgen, net als een basis onder {rule.MinCellCount}. Waar een verborgen cijfer anders uit de getoonde cijfers, de doelaantallen van de weging en de andere tabellen van de vraag te berekenen zou zijn, is ook een van de kleinste andere cellen of bases verborgen. Verborgen cijfers: \"{ExportText.Suppressed(LanguageTag.Dutch)}\".",
            $"Cells with fewer than {rule.MinCellCount} responses are hidden, and so is a base under {rule.MinCellCount}. Where a hidden figure could otherwise be worked out from the figures shown, the weighting targets and the question's other tables, one of the smallest other cells or bases is hidden as well. Hidden figures: \"{ExportText.Suppressed(LanguageTag.English)}\".");
        yield return T(
            $"Groepen met een basis onder {rule.MinGroupBase} zijn indicatief (*).",
            $"Groups with a base under {rule.MinGroupBase} are indicative (*).");
    }

    private static (XlsxSheet, double[]) QuestionSheet(ResultsExport results, LanguageTag language, string name, List<PublishedCell> cells)
    {
        string T(string nl, string en) => ExportText.Pick(language, nl, en);
        var question = cells[0].Question;
        // Every block has the same group columns, so a group stays in one column down the sheet.
        var groups = cells.Select(c => c.Group).Distinct(StringComparer.Ordinal).ToList();
        var options = cells.Select(c => c.Option).Distinct().ToList();
        var sheet = new XlsxSheet(name);
        sheet.Row().Text($"{question}: {results.QuestionText(question, language)}", XlsxStyle.Bold);
        sheet.Row().Text(T("Uitgesplitst naar: ", "Broken down by: ") + results.BreakdownText(language));
        sheet.Row();
        if (!results.HasSecondSplit)
        {
            Block(results, language, sheet, groups, options, cells);
        }
        else
        {
            var levels = cells.Select(c => c.Group2).Distinct(StringComparer.Ordinal).OrderBy(g => g is not null).ToList();
            for (var i = 0; i < levels.Count; i++)
            {
                if (i > 0)
                {
                    sheet.Row();
                }
                var level = levels[i];
                sheet.Row().Text(level is null ? ExportText.Total(language) : results.SecondGroupText(level, language), XlsxStyle.Bold);
                Block(results, language, sheet, groups, options, [.. cells.Where(c => c.Group2 == level)]);
            }
        }
        if (cells.Any(c => c.Indicative))
        {
            sheet.Row().Text(T(
                $"* Indicatief: basis kleiner dan {results.Options.Disclosure.MinGroupBase}.",
                $"* Indicative: base smaller than {results.Options.Disclosure.MinGroupBase}."));
        }
        if (results.Crosstab.Tests.FirstOrDefault(t => t.Question == question) is { } test)
        {
            sheet.Row();
            sheet.Row().Text(results.HasSecondSplit
                ? T("Rao-Scott F-toets over alle combinaties van groepen", "Rao-Scott F test across all combinations of groups")
                : T("Rao-Scott F-toets", "Rao-Scott F test"), XlsxStyle.Bold);
            if (double.IsFinite(test.Statistic))
            {
                sheet.Row().Text("F").Number(test.Statistic, XlsxStyle.Decimal4);
                sheet.Row().Text(T("Vrijheidsgraden", "Degrees of freedom")).Number(test.NumeratorDf, XlsxStyle.Decimal4).Number(test.DenominatorDf, XlsxStyle.Decimal4);
                sheet.Row().Text("p").Number(test.PValue, XlsxStyle.Decimal4);
            }
            else
            {
                sheet.Row().Text(T("Niet te berekenen (te weinig gevulde cellen).", "Cannot be computed (too few filled cells)."));
            }
        }
        return (sheet, [12, 40, .. groups.SelectMany(_ => new double[] { 12, 12, 12 })]);
    }

    /// <summary>
    /// <paramref name="options"/> as rows and <paramref name="groups"/> as column triples (estimate, lower, upper), then
    /// the bases, from <paramref name="cells"/> (one question, one group of the second split).
    /// </summary>
    private static void Block(
        ResultsExport results, LanguageTag language, XlsxSheet sheet, List<string> groups, List<string?> options, List<PublishedCell> cells)
    {
        string T(string nl, string en) => ExportText.Pick(language, nl, en);
        var question = cells[0].Question;
        var suppressedText = ExportText.Suppressed(language);
        var isMean = options is [null];
        var valueStyle = isMean ? XlsxStyle.Decimal2 : XlsxStyle.Percent;
        sheet.Row().Empty().Empty();
        foreach (var g in groups)
        {
            var indicative = cells.Any(c => c.Group == g && c.Indicative);
            sheet.Text(results.GroupText(g, language) + (indicative ? " *" : string.Empty), XlsxStyle.Bold).Empty().Empty();
        }
        sheet.Row().Text(T("Code", "Code"), XlsxStyle.Bold).Text(T("Antwoord", "Answer"), XlsxStyle.Bold);
        foreach (var _ in groups)
        {
            sheet.Text(isMean ? T("Gemiddelde", "Mean") : "%", XlsxStyle.Bold).Text(T("Ondergrens", "Lower"), XlsxStyle.Bold).Text(T("Bovengrens", "Upper"), XlsxStyle.Bold);
        }
        foreach (var option in options)
        {
            sheet.Row().Text(option ?? string.Empty).Text(results.OptionText(question, option, language));
            foreach (var g in groups)
            {
                var cell = cells.FirstOrDefault(c => c.Group == g && c.Option == option);
                if (cell is null || cell.Suppressed)
                {
                    sheet.Text(cell is null ? null : suppressedText).Empty().Empty();
                    continue;
                }
                sheet.Number(cell.Estimate, valueStyle).Number(cell.Lower, valueStyle).Number(cell.Upper, valueStyle);
            }
        }
        sheet.Row().Text(string.Empty).Text(T("Basis (n)", "Base (n)"), XlsxStyle.Bold);
        foreach (var g in groups)
        {
            // A combination of groups that has no respondents has no cells, so its column stays empty.
            var cell = cells.FirstOrDefault(c => c.Group == g);
            (cell is { Base: null } ? sheet.Text(suppressedText) : sheet.Number(cell?.Base, XlsxStyle.Integer)).Empty().Empty();
        }
    }
}
