using System.Globalization;
using System.Text;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;

namespace Survey.Exports;

/// <summary>How a microdata column is stored in a statistics file.</summary>
public enum StatKind
{
    /// <summary>A number, or a code mapped to a number (value labels).</summary>
    Numeric,

    /// <summary>A day: <c>yyyy-mm-dd</c> in the CSV, a date in SPSS and Stata.</summary>
    Date,

    /// <summary>A month of a year: <c>yyyy-mm</c> in the CSV, a date shown as month and year in SPSS (<c>MOYR</c>), a monthly date in Stata (<c>%tm</c>).</summary>
    Month,

    /// <summary>Text (open answers, "other, namely", the response id).</summary>
    Text,
}

/// <summary>Measurement level as SPSS declares it.</summary>
public enum StatMeasure
{
    Nominal = 1,
    Ordinal = 2,
    Scale = 3,
}

/// <summary>A numeric value with its label in both languages and the code it stands for in the CSV.</summary>
public sealed record StatValueLabel(double Value, string Code, Label Label, bool Missing);

/// <summary>
/// One microdata column as SPSS and Stata files store it. Codes that are whole numbers keep their number; other codes get
/// one (1, 2, … in option order for answers; 99, 98, … for don't-know codes of choices; -1, -2, … below every observed
/// value for the extra codes of numbers), and the original code stays in the value label list and the file's attributes.
/// </summary>
public sealed class StatVariable
{
    private readonly Dictionary<string, double> _codes;

    internal StatVariable(CodebookVariable source, StatKind kind, StatMeasure measure, IReadOnlyList<StatValueLabel> labels, int textBytes)
    {
        Source = source;
        Kind = kind;
        Measure = measure;
        ValueLabels = labels;
        TextBytes = textBytes;
        _codes = labels.ToDictionary(l => l.Code, l => l.Value, StringComparer.Ordinal);
    }

    /// <summary>The codebook column (its <see cref="CodebookVariable.Name"/> is the CSV header).</summary>
    public CodebookVariable Source { get; }

    public StatKind Kind { get; }

    public StatMeasure Measure { get; }

    /// <summary>The value labels in code order; don't-know codes are <see cref="StatValueLabel.Missing"/>.</summary>
    public IReadOnlyList<StatValueLabel> ValueLabels { get; }

    /// <summary>The longest value in UTF-8 bytes (at least 1), for text columns.</summary>
    public int TextBytes { get; }

    /// <summary>Decimals to display: 0 for codes, years and whole numbers, otherwise up to 6.</summary>
    public int Decimals { get; internal set; }

    /// <summary>
    /// The number for a CSV value (a code's number, the parsed number, days since 1970-01-01 for a date, and for a month
    /// the days since 1970-01-01 of its first day), or null.
    /// </summary>
    public double? Number(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (_codes.TryGetValue(value, out var code))
        {
            return code;
        }
        if (Kind == StatKind.Date)
        {
            return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber
                : throw new FormatException($"'{value}' in column {Source.Name} is not a yyyy-mm-dd date.");
        }
        if (Kind == StatKind.Month)
        {
            return YearMonth.TryParse(value, out var month)
                ? month.FirstDay.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber
                : throw new FormatException($"'{value}' in column {Source.Name} is not a yyyy-mm month.");
        }
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"'{value}' in column {Source.Name} is neither a number nor one of its codes.");
    }
}

/// <summary>Builds the <see cref="StatVariable"/>s of a microdata set: one pass over the rows for text widths and number ranges.</summary>
public static class StatVariables
{
    public static IReadOnlyList<StatVariable> For(Codebook codebook, IEnumerable<MicrodataRow> rows)
    {
        ArgumentNullException.ThrowIfNull(codebook);
        ArgumentNullException.ThrowIfNull(rows);
        var columns = codebook.Columns;
        var widths = new int[columns.Count];
        var minimum = new double[columns.Count];
        var decimals = new int[columns.Count];
        Array.Fill(minimum, double.PositiveInfinity);
        foreach (var row in rows)
        {
            MicrodataCsv.CheckVariables(row, codebook);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = Value(row, columns[i]);
                if (string.IsNullOrEmpty(value))
                {
                    continue;
                }
                widths[i] = Math.Max(widths[i], Encoding.UTF8.GetByteCount(value));
                if (KindOf(columns[i]) == StatKind.Numeric && columns[i].FindCode(value) is null
                    && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
                {
                    minimum[i] = Math.Min(minimum[i], x);
                    var dot = value.IndexOf('.', StringComparison.Ordinal);
                    decimals[i] = Math.Max(decimals[i], dot < 0 ? 0 : Math.Min(6, value.Length - dot - 1));
                }
            }
        }
        return [.. columns.Select((c, i) => new StatVariable(c, KindOf(c), MeasureOf(c), Labels(c, minimum[i]), Math.Max(1, widths[i]))
        {
            Decimals = c.Name == Codebook.WeightColumn ? 6 : decimals[i],
        })];
    }

    /// <summary>The language the file is not in: its labels go into attributes, notes or characteristics.</summary>
    public static LanguageTag OtherLanguage(LanguageTag language) =>
        ExportText.IsEnglish(language) ? LanguageTag.Dutch : LanguageTag.English;

    /// <summary>A one-line text (attribute values and Stata labels cannot hold a line break).</summary>
    internal static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>The CSV text of a column in a row (response id and weight as <see cref="MicrodataCsv"/> writes them).</summary>
    public static string? Value(MicrodataRow row, CodebookVariable column)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(column);
        return column.Name switch
        {
            Codebook.ResponseIdColumn when column.Type == "id" => row.ResponseId.ToString("D", CultureInfo.InvariantCulture),
            Codebook.WeightColumn when column.Type == "weight" => MicrodataCsv.FormatWeight(row.Weight),
            _ => row.Values.GetValueOrDefault(column.Name),
        };
    }

    private static StatKind KindOf(CodebookVariable c) => c.Type switch
    {
        "date" => StatKind.Date,
        Codebook.MonthType => StatKind.Month,
        "id" => StatKind.Text,
        _ when c.IsText => StatKind.Text,
        _ => StatKind.Numeric,
    };

    private static StatMeasure MeasureOf(CodebookVariable c) => c.Type switch
    {
        "rating" or "matrix" => StatMeasure.Ordinal,
        "number" or "year" or "date" or Codebook.MonthType or "weight" => StatMeasure.Scale,
        _ => StatMeasure.Nominal,
    };

    private static StatValueLabel[] Labels(CodebookVariable c, double minimum)
    {
        if (KindOf(c) == StatKind.Text)
        {
            return [];
        }
        var used = new HashSet<double>();
        foreach (var code in c.Codes)
        {
            if (WholeNumber(code.Code) is { } n)
            {
                used.Add(n);
            }
        }
        var numbers = c.Type is "number" or "year" or "date" or Codebook.MonthType;
        var next = 1d;
        var nextMissing = numbers ? Math.Min(-1, Math.Floor(double.IsFinite(minimum) ? minimum : 0) - 1) : Top(used);
        var labels = new List<StatValueLabel>();
        foreach (var code in c.Codes)
        {
            double value;
            if (WholeNumber(code.Code) is { } n)
            {
                value = n;
            }
            else if (code.DontKnow || numbers)
            {
                while (used.Contains(nextMissing))
                {
                    nextMissing--;
                }
                value = nextMissing--;
            }
            else
            {
                while (used.Contains(next))
                {
                    next++;
                }
                value = next++;
            }
            used.Add(value);
            labels.Add(new StatValueLabel(value, code.Code, code.Label, code.DontKnow));
        }
        return [.. labels];
    }

    /// <summary>99, or 999, … above every whole-number code: where don't-know codes start counting down.</summary>
    private static double Top(HashSet<double> used)
    {
        var top = 99d;
        while (used.Count > 0 && used.Max() >= top - 10)
        {
            top = top * 10 + 9;
        }
        return top;
    }

    private static double? WholeNumber(string code) =>
        int.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
        && n.ToString(CultureInfo.InvariantCulture) == code ? n : null;

    /// <summary>A label cut to at most <paramref name="maxBytes"/> UTF-8 bytes without splitting a character.</summary>
    internal static byte[] Utf8(string text, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= maxBytes)
        {
            return bytes;
        }
        var end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80)
        {
            end--;
        }
        return bytes[..end];
    }
}
