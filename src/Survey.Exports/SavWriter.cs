using System.Globalization;
using System.Text;
using Survey.Definitions.Model;

namespace Survey.Exports;

/// <summary>
/// The microdata as an SPSS system file (<c>.sav</c>, uncompressed, little-endian, UTF-8), record by record as PSPP's
/// manual "System File Format" describes it: header (with the weight variable), variable records (labels, user-missing
/// don't-know codes), value labels, documents (notes, in both languages), machine integer/float info, display parameters
/// (measurement level), long variable names, very long strings (text over 255 bytes), variable attributes (the other
/// language's labels and the original codes), the UTF-8 encoding record, then the cases one by one. Memory does not grow
/// with the number of rows: a first pass measures text widths, the second writes.
/// </summary>
public static class SavWriter
{
    private const double SysMis = -double.MaxValue;
    private const int MaxVariableLabel = 255;
    private const int MaxValueLabel = 120;
    private static readonly int SpssEpochDays = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber - new DateOnly(1582, 10, 14).DayNumber;

    public static void Write(Stream stream, Microdata microdata, Codebook codebook, LanguageTag language, StatFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(microdata);
        ArgumentNullException.ThrowIfNull(info);
        var variables = StatVariables.For(codebook, microdata.Rows);
        var names = SavNames.For(variables);
        var layout = variables.Select(Segments).ToList();
        using var output = new BinaryWriter(new BufferedStream(stream, 1 << 16), Encoding.UTF8, leaveOpen: true);
        var other = StatVariables.OtherLanguage(language);
        var weightSlot = 1 + layout.Take(variables.Count - 1).Sum(s => s.Sum(Slots));

        Header(output, layout.Sum(s => s.Sum(Slots)), weightSlot, microdata.Rows.Count, info, language);
        var shortNames = new List<(string Short, int VariableIndex, int Segment, int Width)>();
        for (var v = 0; v < variables.Count; v++)
        {
            for (var s = 0; s < layout[v].Length; s++)
            {
                var shortName = string.Create(CultureInfo.InvariantCulture, $"V{shortNames.Count + 1}");
                shortNames.Add((shortName, v, s, layout[v][s]));
                VariableRecord(output, variables[v], shortName, layout[v][s], s == 0 ? VariableLabel(variables[v], names[v], language) : null);
            }
        }
        var slotOf = SlotIndexes(shortNames.Select(n => n.Width).ToList());
        for (var v = 0; v < variables.Count; v++)
        {
            if (variables[v].ValueLabels.Count > 0)
            {
                ValueLabels(output, variables[v], language, slotOf[shortNames.FindIndex(n => n.VariableIndex == v)]);
            }
        }
        Documents(output, info.Lines(language, ExportText.Pick(language, "de attributen label_en en value_labels_en", "the attributes label_nl and value_labels_nl"), 80).ToList());
        Extension(output, 3, 4, [.. new[] { 1, 0, 0, -1, 1, 1, 2, 65001 }.SelectMany(BitConverter.GetBytes)]);
        Extension(output, 4, 8, [.. new[] { SysMis, double.MaxValue, BitConverter.Int64BitsToDouble(unchecked((long)0xffeffffffffffffeUL)) }.SelectMany(BitConverter.GetBytes)]);
        Extension(output, 11, 4, [.. shortNames.SelectMany(n => Display(variables[n.VariableIndex]).SelectMany(BitConverter.GetBytes))]);
        Extension(output, 13, 1, Encoding.UTF8.GetBytes(string.Join('\t', shortNames.Where(n => n.Segment == 0).Select(n => $"{n.Short}={names[n.VariableIndex]}"))));
        var veryLong = shortNames.Where(n => n.Segment == 0 && layout[n.VariableIndex].Length > 1).ToList();
        if (veryLong.Count > 0)
        {
            Extension(output, 14, 1, Encoding.UTF8.GetBytes(string.Concat(veryLong.Select(n =>
                string.Create(CultureInfo.InvariantCulture, $"{n.Short}={variables[n.VariableIndex].TextBytes:D5}\0\t")))));
        }
        Extension(output, 18, 1, Encoding.UTF8.GetBytes(string.Join('/', variables.Select((v, i) => Attributes(v, names[i], language, other)))));
        Extension(output, 20, 1, Encoding.ASCII.GetBytes("UTF-8"));
        output.Write(999);
        output.Write(0);

        foreach (var row in microdata.Rows)
        {
            for (var v = 0; v < variables.Count; v++)
            {
                var value = StatVariables.Value(row, variables[v].Source);
                if (variables[v].Kind == StatKind.Text)
                {
                    WriteText(output, value ?? string.Empty, layout[v]);
                }
                else
                {
                    var number = variables[v].Number(value);
                    output.Write(number is not { } x ? SysMis : variables[v].Kind is StatKind.Date or StatKind.Month ? (x + SpssEpochDays) * 86400 : x);
                }
            }
        }
        output.Flush();
    }

    /// <summary>The widths of a variable's segments: 0 for a number, one width up to 255, or 255-wide pieces of 252 bytes.</summary>
    private static int[] Segments(StatVariable v)
    {
        if (v.Kind != StatKind.Text)
        {
            return [0];
        }
        var width = Math.Max(v.TextBytes, 8);
        if (width <= 255)
        {
            return [width];
        }
        var count = (width + 251) / 252;
        return [.. Enumerable.Range(0, count).Select(k => k < count - 1 ? 255 : width - (k * 252))];
    }

    private static int Slots(int width) => width == 0 ? 1 : (width + 7) / 8;

    private static int[] SlotIndexes(List<int> widths)
    {
        var result = new int[widths.Count];
        var next = 1;
        for (var i = 0; i < widths.Count; i++)
        {
            result[i] = next;
            next += Slots(widths[i]);
        }
        return result;
    }

    private static void Header(BinaryWriter output, int slots, int weightSlot, int cases, StatFileInfo info, LanguageTag language)
    {
        output.Write("$FL2"u8);
        output.Write(Padded("@(#) SPSS DATA FILE Survey platform", 60));
        output.Write(2);
        output.Write(slots);
        output.Write(0);
        output.Write(weightSlot);
        output.Write(cases);
        output.Write(100.0);
        var created = info.Created;
        output.Write(Padded(created.ToString("dd MMM yy", CultureInfo.InvariantCulture), 9));
        output.Write(Padded(created.ToString("HH:mm:ss", CultureInfo.InvariantCulture), 8));
        output.Write(Padded(StatVariables.OneLine(info.Title[language]), 64));
        output.Write(new byte[3]);
    }

    private static void VariableRecord(BinaryWriter output, StatVariable v, string shortName, int width, string? label)
    {
        var missing = label is null ? [] : v.ValueLabels.Where(l => l.Missing).Select(l => l.Value).Order().ToArray();
        var range = missing.Length > 3;
        output.Write(2);
        output.Write(width);
        output.Write(label is null ? 0 : 1);
        output.Write(range ? -2 : missing.Length);
        var format = Format(v, width);
        output.Write(format);
        output.Write(format);
        output.Write(Padded(shortName, 8));
        if (label is not null)
        {
            var bytes = StatVariables.Utf8(label, MaxVariableLabel);
            output.Write(bytes.Length);
            output.Write(bytes);
            output.Write(new byte[(4 - (bytes.Length % 4)) % 4]);
        }
        foreach (var m in range ? [missing[0], missing[^1]] : missing)
        {
            output.Write(m);
        }
        for (var k = 1; k < Slots(width); k++)
        {
            output.Write(2);
            output.Write(-1);
            output.Write(0);
            output.Write(0);
            output.Write(0);
            output.Write(0);
            output.Write(Padded(string.Empty, 8));
        }
    }

    /// <summary>Print/write format: A for text, DATE11 for days, MOYR8 for months (<c>MAR 2024</c>), F with the variable's decimals otherwise.</summary>
    private static int Format(StatVariable v, int width) => v.Kind switch
    {
        StatKind.Text => (1 << 16) | (width << 8),
        StatKind.Date => (20 << 16) | (11 << 8),
        StatKind.Month => (28 << 16) | (8 << 8),
        _ => (5 << 16) | ((v.Decimals == 0 ? 8 : 12) << 8) | v.Decimals,
    };

    /// <summary>The column's label; when its name had to change, the original name first (<c>[safety.day-time] …</c>).</summary>
    private static string VariableLabel(StatVariable v, string name, LanguageTag language) =>
        name == v.Source.Name ? StatVariables.OneLine(v.Source.Label[language]) : $"[{v.Source.Name}] {StatVariables.OneLine(v.Source.Label[language])}";

    private static void ValueLabels(BinaryWriter output, StatVariable v, LanguageTag language, int slot)
    {
        output.Write(3);
        output.Write(v.ValueLabels.Count);
        foreach (var l in v.ValueLabels)
        {
            output.Write(l.Value);
            var text = StatVariables.Utf8(StatVariables.OneLine(l.Label[language]), MaxValueLabel);
            output.Write((byte)text.Length);
            output.Write(text);
            output.Write(new byte[(8 - ((text.Length + 1) % 8)) % 8]);
        }
        output.Write(4);
        output.Write(1);
        output.Write(slot);
    }

    private static void Documents(BinaryWriter output, List<string> lines)
    {
        output.Write(6);
        output.Write(lines.Count);
        foreach (var line in lines)
        {
            output.Write(Padded(line, 80));
        }
    }

    private static void Extension(BinaryWriter output, int subtype, int size, byte[] data)
    {
        output.Write(7);
        output.Write(subtype);
        output.Write(size);
        output.Write(data.Length / size);
        output.Write(data);
    }

    private static int[] Display(StatVariable v) => v.Kind == StatKind.Text
        ? [(int)StatMeasure.Nominal, Math.Clamp(v.TextBytes, 8, 40), 0]
        : [(int)v.Measure, v.Kind switch { StatKind.Date => 11, StatKind.Month => 8, _ => 10 }, 1];

    /// <summary>label_nl/label_en (full), value_labels_nl/en and codes (code=number) when the codes were renumbered, note_nl/en.</summary>
    private static string Attributes(StatVariable v, string name, LanguageTag language, LanguageTag other)
    {
        static string Values(IEnumerable<string> values) => string.Concat(values.Select(x => $"'{StatVariables.OneLine(x)}'\n"));
        static string Suffix(LanguageTag lang) => ExportText.IsEnglish(lang) ? "en" : "nl";
        var text = new StringBuilder($"{name}:");
        foreach (var lang in new[] { language, other })
        {
            text.Append(CultureInfo.InvariantCulture, $"label_{Suffix(lang)}({Values([v.Source.Label[lang]])})");
        }
        if (v.ValueLabels.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"value_labels_{Suffix(other)}({Values(v.ValueLabels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Value}={l.Label[other]}")))})");
            text.Append(CultureInfo.InvariantCulture, $"codes({Values(v.ValueLabels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Code}={l.Value}")))})");
        }
        if (v.Source.Note is { } note)
        {
            text.Append(CultureInfo.InvariantCulture, $"note({Values([note[language], note[other]])})");
        }
        return text.ToString();
    }

    /// <summary>A text in its segments: segment k holds bytes from 255·k (at most 255), padded with spaces to whole slots.</summary>
    private static void WriteText(BinaryWriter output, string value, int[] segments)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var width = segments.Length == 1 ? segments[0] : (252 * (segments.Length - 1)) + segments[^1];
        for (var k = 0; k < segments.Length; k++)
        {
            var offset = k * 255;
            var used = Math.Max(0, Math.Min(width - offset, 255));
            var take = Math.Clamp(bytes.Length - offset, 0, used);
            if (take > 0)
            {
                output.Write(bytes, offset, take);
            }
            output.Write(Spaces((Slots(segments[k]) * 8) - take));
        }
    }

    private static byte[] Spaces(int count)
    {
        var spaces = new byte[count];
        Array.Fill(spaces, (byte)' ');
        return spaces;
    }

    private static byte[] Padded(string text, int bytes)
    {
        var data = StatVariables.Utf8(text, bytes);
        var result = Spaces(bytes);
        data.CopyTo(result, 0);
        return result;
    }
}
