using System.Globalization;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;

namespace Survey.Exports.Tests.Readers;

/// <summary>Compares what a reader got from an SPSS or Stata file with the microdata and codebook it was written from.</summary>
internal static class StatFileAssert
{
    /// <summary>
    /// Every column in order under <paramref name="names"/>, every row: texts as typed, codes whose value label in the file
    /// is the codebook label of the CSV code, numbers, dates and weights equal; variable labels from the codebook.
    /// </summary>
    public static void MatchesMicrodata(HavenFile file, string[] names, Codebook codebook, Microdata microdata, LanguageTag language, Func<CodebookVariable, string, string, string> expectedLabel)
    {
        var columns = codebook.Columns;
        Assert.Equal(names, file.Variables.Keys);
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var name = names[c];
            Assert.Equal(expectedLabel(column, name, column.Label[language].ReplaceLineEndings(" ")), file.Variables[name].Label);
            for (var r = 0; r < microdata.Rows.Count; r++)
            {
                var csv = StatVariables.Value(microdata.Rows[r], column);
                var read = file.Values[name][r];
                var where = $"{name} row {r + 1}";
                if (column.IsText || column.Type == "id")
                {
                    Assert.True((csv ?? string.Empty) == read, $"{where}: '{csv}' read as '{read}'");
                }
                else if (string.IsNullOrEmpty(csv))
                {
                    Assert.True(read == "NA", $"{where}: empty read as '{read}'");
                }
                else if (column.FindCode(csv) is { } code)
                {
                    Assert.Equal(code.Label[language], file.LabelOf(name, read));
                }
                else if (column.Type == "date")
                {
                    Assert.Equal(csv, read);
                }
                else if (column.Type == Codebook.MonthType)
                {
                    // A month as each program counts it: Stata's %tm in months since January 1960, SPSS's MOYR as the
                    // seconds since 14 October 1582 of the month's first day.
                    Assert.True(YearMonth.TryParse(csv, out var month), $"{where}: '{csv}' is not yyyy-mm");
                    var expected = file.Variables[name].Format == "%tm"
                        ? ((month.Year - 1960) * 12) + month.Month - 1
                        : (month.FirstDay.DayNumber - new DateOnly(1582, 10, 14).DayNumber) * 86400d;
                    Assert.Equal(expected, double.Parse(read, CultureInfo.InvariantCulture));
                }
                else
                {
                    Assert.Equal(double.Parse(csv, CultureInfo.InvariantCulture), double.Parse(read, CultureInfo.InvariantCulture), 6);
                }
            }
        }
    }

    /// <summary>SPSS: the codebook label; for a renamed column the original name first, cut to SPSS's 255 bytes.</summary>
    public static string SavLabel(CodebookVariable column, string name, string label) =>
        name == column.Name ? label : System.Text.Encoding.UTF8.GetString(StatVariables.Utf8($"[{column.Name}] {label}", 255));

    /// <summary>Stata: the codebook label; for a renamed column the original name first; 80 characters at most.</summary>
    public static string DtaLabel(CodebookVariable column, string name, string label)
    {
        var text = name == column.Name ? label : $"[{column.Name}] {label}";
        return text.Length <= 80 ? text : text[..80];
    }
}
